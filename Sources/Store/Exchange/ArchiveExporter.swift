import Support

/// Streams the whole archive in the import format: collections in a fixed order, items by id,
/// members in a fixed order, two-space indentation. Memory stays flat: one item at a time.
enum ArchiveExporter {
    static let collectionOrder: [ItemType] = [.document, .person, .institution, .event, .place, .source]

    /// Writes the export to `sink` in pieces of a few kilobytes.
    static func export(from db: Connection, description: String?, to sink: (inout [UInt8]) throws -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        func flushIfLarge() throws { if out.count >= 32 * 1024 { try sink(&out); out.removeAll(keepingCapacity: true) } }
        out.append(contentsOf: "{\n  \"format\": ".utf8)
        JSONWriter.writeString(ArchiveFormat.identifier, into: &out)
        out.append(contentsOf: ",\n  \"description\": ".utf8)
        JSONWriter.write(JSONValue(description), into: &out, pretty: true, indent: 1)
        for type in collectionOrder {
            out.append(contentsOf: ",\n  \"\(type.collection)\": [".utf8)
            var first = true
            let ids = try db.cachedStatement("SELECT id FROM items WHERE type = ? ORDER BY id").rows([.text(type.rawValue)]) { $0.text(0) ?? "" }
            for id in ids {
                out.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
                first = false
                JSONWriter.write(.object(try ItemLoader.load(id, as: type, from: db)), into: &out, pretty: true, indent: 2)
                try flushIfLarge()
            }
            out.append(contentsOf: (first ? "]" : "\n  ]").utf8)
        }
        out.append(contentsOf: ",\n  \"relations\": [".utf8)
        var first = true
        try db.cachedStatement("SELECT from_id, to_id, type, note, source_id FROM relations ORDER BY ordinal").forEachRow { row in
            out.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
            first = false
            let relation: JSONValue = ["from": row.json(0), "to": row.json(1), "type": row.json(2), "note": row.json(3), "source_id": row.json(4)]
            JSONWriter.write(relation, into: &out, pretty: true, indent: 2)
        }
        out.append(contentsOf: (first ? "]\n}\n" : "\n  ]\n}\n").utf8)
        try sink(&out)
    }
}
