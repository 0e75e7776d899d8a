import Support

/// A whole archive read from the import format and checked: nothing is written from it
/// unless every item, reference and date in it is valid.
struct DecodedArchive {
    var description: String?
    var items: [DecodedItem] = []
    var relations: [RowInsert] = []
}

/// An archive file parsed and checked, ready to be written item by item: the rows of an item are
/// made again when it is written instead of being held for the whole file, which keeps the
/// memory of a large import to the parsed file plus one item.
struct CheckedArchive {
    /// Where the items are: the parsed tree, or a source read again item by item.
    enum Items {
        case tree(JSONObject)
        case stream(ArchiveSource)
    }

    let items: Items
    let references: ReferenceChecker
    let description: String?
    let relations: [RowInsert]

    /// Calls `body` with every item, in import order.
    func forEachItem(_ body: (DecodedItem) throws -> Void) throws {
        let problems = ProblemList()
        for type in ItemType.importOrder {
            func decode(_ element: JSONValue, _ index: Int) throws {
                if let item = ItemDecoder.decode(element, as: type, pointer: "/\(type.collection)/\(index)", problems: problems, references: references) {
                    try body(item)
                }
            }
            switch items {
            case .tree(let object): for (index, element) in (object[type.collection]?.arrayValue ?? []).enumerated() { try decode(element, index) }
            case .stream(let source): try source.forEachElement(of: type, decode)
            }
        }
    }
}

/// Reads the import format: `{"format": "deportation-archive/1", "description": …, "documents": […],
/// "persons": […], "institutions": […], "events": […], "places": […], "sources": […], "relations": […]}`.
public enum ArchiveFormat {
    public static let identifier = "deportation-archive/1"
    /// The research fact base this archive's embedded data comes from has the same shape.
    static let factBaseIdentifier = "archive-facts/1"
    static let topLevelKeys: Set<String> = Set(["format", "schema", "description", "relations"])
        .union(ItemType.allCases.map(\.collection))

    /// Parses and checks a whole archive, keeping every item's rows; throws ``ValidationError``
    /// listing every problem.
    static func decode(_ bytes: [UInt8]) throws(ValidationError) -> DecodedArchive {
        var archive = DecodedArchive()
        let checked = try check(bytes, visit: { archive.items.append($0) })
        archive.description = checked.description
        archive.relations = checked.relations
        return archive
    }

    /// Parses and checks a whole archive, handing each valid item to `visit` (which may drop it);
    /// throws ``ValidationError`` listing every problem of the file. References may also name
    /// items `existing` knows (the database's, for a batch import into a filled archive);
    /// `conflict` may refuse an id of the file for its collection (a sentence saying why).
    static func check(
        _ bytes: [UInt8], existing: @escaping (String) -> ItemType? = { _ in nil },
        conflict: (String, ItemType) -> String? = { _, _ in nil }, visit: (DecodedItem) -> Void = { _ in }
    ) throws(ValidationError) -> CheckedArchive {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw ValidationError(problems: [ValidationProblem(pointer: "", detail: "not valid JSON: \(error)")])
        }
        guard case .object(let object) = root else {
            throw ValidationError(problems: [ValidationProblem(pointer: "", detail: "expected an object, found \(root.typeName)")])
        }
        let problems = ProblemList()
        let format = object["format"]?.stringValue ?? object["schema"]?.stringValue
        if format != identifier && format != factBaseIdentifier {
            problems.add("/format", "must be \"\(identifier)\"")
        }
        for key in object.keys where !topLevelKeys.contains(key) { problems.add("/" + pointerToken(key), "is not a known field") }

        // Pass 1: every id and its type, so that references may point forwards.
        var types: [String: ItemType] = [:]
        for type in ItemType.allCases {
            guard let value = object[type.collection] else { continue }
            guard case .array(let elements) = value else {
                problems.add("/\(type.collection)", "expected an array, found \(value.typeName)")
                continue
            }
            for (index, element) in elements.enumerated() {
                guard let id = element.objectValue?["id"]?.stringValue else { continue }
                if let previous = types[id] {
                    problems.add("/\(type.collection)/\(index)/id", "duplicate id \(id.debugDescription) (already used by \(previous.withArticle))")
                } else {
                    types[id] = type
                    if let reason = conflict(id, type) { problems.add("/\(type.collection)/\(index)/id", reason) }
                }
            }
        }
        let references = ReferenceChecker { types[$0] ?? existing($0) }

        // Pass 2: every item and relation.
        for type in ItemType.importOrder {
            for (index, element) in (object[type.collection]?.arrayValue ?? []).enumerated() {
                if let item = ItemDecoder.decode(element, as: type, pointer: "/\(type.collection)/\(index)", problems: problems, references: references) {
                    visit(item)
                }
            }
        }
        var relations: [RowInsert] = []
        var seenRelations = Set<[SQLValue]>()
        if let value = object["relations"] {
            if case .array(let elements) = value {
                for (index, element) in elements.enumerated() {
                    if let row = decodeRelation(element, ordinal: index, pointer: "/relations/\(index)", problems: problems, references: references) {
                        if seenRelations.insert(Array(row.values[1...3])).inserted {
                            relations.append(row)
                        } else {
                            problems.add("/relations/\(index)", "repeats an earlier relation (same from, to and type)")
                        }
                    }
                }
            } else {
                problems.add("/relations", "expected an array, found \(value.typeName)")
            }
        }
        if !problems.isEmpty { throw ValidationError(problems: problems.problems) }
        return CheckedArchive(items: .tree(object), references: references, description: object["description"]?.stringValue, relations: relations)
    }

    static func decodeRelation(_ value: JSONValue, ordinal: Int, pointer: String, problems: ProblemList, references: ReferenceChecker) -> RowInsert? {
        guard var reader = FieldReader.make(value, pointer: pointer, problems: problems, references: references) else { return nil }
        let before = problems.problems.count
        var ends: [String] = []
        for key in ["from", "to"] {
            if let id = reader.string(key, required: true) {
                if references.typeOf(id) == nil {
                    problems.add(reader.path(key), "refers to \(id.debugDescription), which is not in the archive")
                } else {
                    ends.append(id)
                }
            }
        }
        let type = reader.string("type", required: true)
        if let type, type.isEmpty || !type.utf8.allSatisfy({ (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "_") }) {
            problems.add(reader.path("type"), "must be a snake_case relation name such as \"confused_with\"")
        }
        let note = reader.string("note")
        let source = reader.reference("source_id", to: .source, required: true)
        reader.rejectUnknownMembers()
        guard problems.problems.count == before, ends.count == 2 else { return nil }
        if ends[0] == ends[1] { problems.add(reader.path("to"), "a relation cannot link an item to itself"); return nil }
        return RowInsert("relations", ["ordinal", "from_id", "to_id", "type", "note", "source_id"],
                         [.integer(Int64(ordinal)), .text(ends[0]), .text(ends[1]), .nullable(type), .nullable(note), .nullable(source)])
    }
}
