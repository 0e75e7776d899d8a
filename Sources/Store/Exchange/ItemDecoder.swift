import Support

/// Reads one item of the import format into the rows that store it, checking every member.
enum ItemDecoder {
    /// Whether `id` is a lowercase kebab-case slug (`serov-instructions`), at most 200 bytes.
    static func isValidID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= 200 else { return false }
        // One pass over the bytes (every id of every request comes through here): a-z, 0-9 and
        // single hyphens between them.
        var previous = UInt8(ascii: "-")
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-"): if previous == UInt8(ascii: "-") { return false }
            default: return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }

    /// Decodes `value` as an item of `type`; nil when it has problems (recorded in `problems`).
    static func decode(
        _ value: JSONValue, as type: ItemType, pointer: String, problems: ProblemList, references: ReferenceChecker
    ) -> DecodedItem? {
        let before = problems.problems.count
        guard var reader = FieldReader.make(value, pointer: pointer, problems: problems, references: references) else {
            return nil
        }
        guard let id = reader.string("id", required: true) else {
            reader.rejectUnknownMembers()
            return nil
        }
        if !isValidID(id) {
            problems.add(reader.path("id"), "must be a lowercase kebab-case slug such as \"serov-instructions\"")
        }
        var item = DecodedItem(type: type, id: id)
        switch type {
        case .document: decodeDocument(&reader, into: &item)
        case .person: decodePerson(&reader, into: &item)
        case .institution: decodeInstitution(&reader, into: &item)
        case .event: decodeEvent(&reader, into: &item)
        case .place: decodePlace(&reader, into: &item)
        case .source: decodeSource(&reader, into: &item)
        }
        if type != .source {
            let sources = reader.references("source_ids", to: .source)
            let listed = reader.object["source_ids"]
            if listed == nil || listed == .null || listed?.arrayValue?.isEmpty == true {
                problems.add(reader.path("source_ids"), "must list at least one source")
            }
            for (ordinal, source) in sources.enumerated() {
                item.rows.append(RowInsert("item_sources", ["item_id", "ordinal", "source_id"], [.text(id), .integer(Int64(ordinal)), .text(source)]))
            }
        }
        reader.rejectUnknownMembers()
        return problems.problems.count == before ? item : nil
    }

    /// Rows of `item_names` for a list of names with one role.
    static func nameRows(_ id: String, role: String, _ names: [(language: String?, name: String)]) -> [RowInsert] {
        names.enumerated().map { ordinal, entry in
            RowInsert("item_names", ["item_id", "ordinal", "role", "language", "name"],
                      [.text(id), .integer(Int64(ordinal)), .text(role), .nullable(entry.language), .text(entry.name)])
        }
    }
}
