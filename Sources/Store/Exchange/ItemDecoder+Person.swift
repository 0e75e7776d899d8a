extension ItemDecoder {
    static func decodePerson(_ reader: inout FieldReader, into item: inout DecodedItem) {
        let id = SQLValue.text(item.id)
        let name = reader.string("name", required: true)
        let nativeName = reader.string("native_name")
        let alternativeNames = reader.strings("alternative_names")
        let summary = reader.string("summary", required: true)
        var lifeDates: [String: StoredDate] = [:]
        for event in ["born", "died"] {
            reader.object(event) { life in
                let date = life.date("edtf")
                let place = life.reference("place", to: .place)
                let placeName = life.string("place_name")
                let note = life.string("note")
                if let date { lifeDates[event] = date }
                item.rows.append(RowInsert(
                    "person_life_events", ["person_id", "event", "edtf", "earliest", "latest", "place", "place_name", "note"],
                    [id, .text(event)] + date.columns + [.nullable(place), .nullable(placeName), .nullable(note)]))
                life.objects("claims") { claim, ordinal in
                    let date = claim.date("edtf", required: true)
                    let source = claim.reference("source_id", to: .source, required: true)
                    let note = claim.string("note")
                    item.rows.append(RowInsert(
                        "person_date_claims", ["person_id", "event", "ordinal", "edtf", "earliest", "latest", "source_id", "note"],
                        [id, .text(event), .integer(Int64(ordinal))] + date.columns + [.nullable(source), .nullable(note)]))
                }
            }
        }
        item.label = name ?? ""
        item.span = (lifeDates["born"]?.earliest, lifeDates["died"]?.latest)
        item.date = StoredDate.span(from: lifeDates["born"], to: lifeDates["died"], unknownEndIsOpen: true)
        item.summary = summary
        item.searchNames = alternativeNames + [nativeName].compactMap { $0 }
        item.searchBody = [summary].compactMap { $0 }
        item.rows.insert(RowInsert("persons", ["id", "name", "native_name", "summary"],
                                   [id, .nullable(name), .nullable(nativeName), .nullable(summary)]), at: 0)
        item.rows += nameRows(item.id, role: "alternative", alternativeNames.map { (nil, $0) })

        reader.objects("positions") { position, ordinal in
            let institution = position.reference("institution", to: .institution)
            let institutionName = position.string("institution_name")
            let title = position.string("title", required: true)
            let from = position.date("from")
            let to = position.date("to")
            let attested = position.date("attested")
            let note = position.string("note")
            let sources = position.references("source_ids", to: .source)
            if institution == nil, institutionName == nil, position.object["institution"] == nil || position.object["institution"] == .null {
                position.problems.add(position.path("institution"), "either institution or institution_name is required")
            }
            if let title { item.searchNames.append(title) }
            item.rows.append(RowInsert(
                "positions",
                ["person_id", "ordinal", "institution_id", "institution_name", "title", "from_edtf", "from_earliest", "from_latest",
                 "to_edtf", "to_earliest", "to_latest", "attested", "attested_earliest", "attested_latest", "note"],
                [id, .integer(Int64(ordinal)), .nullable(institution), .nullable(institutionName), .nullable(title)]
                    + from.columns + to.columns + attested.columns + [.nullable(note)]))
            if sources.isEmpty, position.object["source_ids"]?.arrayValue?.isEmpty ?? true {
                position.problems.add(position.path("source_ids"), "must list at least one source")
            }
            for (sourceOrdinal, source) in sources.enumerated() {
                item.rows.append(RowInsert("position_sources", ["person_id", "position_ordinal", "ordinal", "source_id"],
                                           [id, .integer(Int64(ordinal)), .integer(Int64(sourceOrdinal)), .text(source)]))
            }
        }
    }
}
