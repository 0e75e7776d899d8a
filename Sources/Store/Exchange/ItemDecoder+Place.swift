import Support

extension ItemDecoder {
    static func decodePlace(_ reader: inout FieldReader, into item: inout DecodedItem) {
        let id = SQLValue.text(item.id)
        let name = reader.string("name", required: true)
        let kind = reader.string("kind", required: true)
        let country = reader.reference("country", to: .place)
        let parent = reader.reference("parent", to: .place)
        if parent == item.id { reader.problems.add(reader.path("parent"), "a place cannot be its own parent") }
        let alternativeNames = reader.strings("alternative_names")
        let note = reader.string("note")
        var nativeNames: [(language: String?, name: String)] = []
        reader.allow("native_names")
        switch reader.object["native_names"] {
        case nil, .null?: break
        case .object(let names)?:
            for (language, value) in names {
                if case .string(let text) = value { nativeNames.append((language, text)) } else {
                    reader.problems.add(reader.path("native_names") + "/" + pointerToken(language), "expected a string, found \(value.typeName)")
                }
            }
        case let other?:
            reader.problems.add(reader.path("native_names"), "expected an object of language code to name, found \(other.typeName)")
        }
        let coordinates = reader.object("coordinates") { point -> (SQLValue, SQLValue) in
            let lat = point.number("lat")
            let lon = point.number("lon")
            func inRange(_ value: SQLValue?, _ limit: Double, _ key: String) -> SQLValue {
                let number: Double? = switch value {
                case .integer(let n)?: Double(n)
                case .real(let d)?: d
                default: nil
                }
                guard let number else {
                    if value == nil { point.problems.add(point.path(key), "is required") }
                    return .null
                }
                guard abs(number) <= limit else {
                    point.problems.add(point.path(key), "must lie between -\(Int(limit)) and \(Int(limit))")
                    return .null
                }
                return .real(number)
            }
            return (inRange(lat, 90, "lat"), inRange(lon, 180, "lon"))
        }
        // Which point the coordinates are, and the page they were read on: meaningful only with coordinates.
        let coordinatesPoint = reader.string("coordinates_point")
        let coordinatesSource = reader.reference("coordinates_source_id", to: .source)
        if reader.object["coordinates"]?.isNull ?? true {
            for key in ["coordinates_point", "coordinates_source_id"] where !(reader.object[key]?.isNull ?? true) {
                reader.problems.add(reader.path(key), "is given without coordinates")
            }
        }

        item.label = name ?? ""
        item.kind = kind
        item.searchNames = alternativeNames + nativeNames.map(\.name)
        item.searchBody = [note].compactMap { $0 }
        item.rows.append(RowInsert("places", ["id", "name", "kind", "country", "parent", "lat", "lon",
                                              "coordinates_point", "coordinates_source_id", "note"],
                                   [id, .nullable(name), .nullable(kind), .nullable(country), .nullable(parent),
                                    coordinates?.0 ?? .null, coordinates?.1 ?? .null,
                                    .nullable(coordinatesPoint), .nullable(coordinatesSource), .nullable(note)]))
        item.rows += nameRows(item.id, role: "native", nativeNames)
        item.rows += nameRows(item.id, role: "alternative", alternativeNames.map { (nil, $0) })
    }

    static func decodeSource(_ reader: inout FieldReader, into item: inout DecodedItem) {
        let title = reader.string("title", required: true)
        let author = reader.string("author")
        let year = reader.integerOrString("year")
        let url = reader.string("url")
        let kind = reader.string("kind", required: true)
        let language = reader.string("language")
        let note = reader.string("note")
        let accessedVia = reader.string("accessed_via")
        item.label = title ?? ""
        item.kind = kind
        item.searchNames = [author].compactMap { $0 }
        item.searchBody = [note].compactMap { $0 }
        item.rows.append(RowInsert("sources", ["id", "title", "author", "year", "url", "kind", "language", "note", "accessed_via"],
                                   [.text(item.id), .nullable(title), .nullable(author), year ?? .null, .nullable(url), .nullable(kind),
                                    .nullable(language), .nullable(note), .nullable(accessedVia)]))
    }
}
