import Support

/// Reads one item of the import format into the rows that store it, checking every member.
enum ItemDecoder {
    /// Whether `id` is a lowercase kebab-case slug (`serov-instructions`), at most 200 bytes.
    static func isValidID(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 200, id.first != "-", id.last != "-", !id.contains("--") else { return false }
        return id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
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
