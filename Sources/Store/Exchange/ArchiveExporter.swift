import Support

/// Streams the whole archive in the import format: collections in a fixed order, items by id,
/// members in a fixed order, two-space indentation. Memory stays flat: a chunk of items at a time.
///
/// The database is read in short transactions, a chunk of items (or relations) each, so no reader
/// is held while `sink` writes to a client that may not read; each checks the data's revision, so
/// the export is one revision's data or ends with ``DataChangedDuringStream``.
enum ArchiveExporter {
    static let collectionOrder: [ItemType] = [.document, .person, .institution, .event, .place, .source]
    /// Items or relations per read transaction.
    static let chunkSize = 200

    /// Writes the export to `sink` in pieces of a few kilobytes.
    static func export(from pool: DatabasePool, to sink: (inout [UInt8]) throws -> Void) throws {
        let (revision, description, ids) = try pool.read { db in
            (try ArchiveState.read(db).revision,
             try db.cachedStatement("SELECT value FROM meta WHERE key = 'description'").scalarText(),
             try collectionOrder.map { type in
                 try db.cachedStatement("SELECT id FROM items WHERE type = ? ORDER BY id").rows([.text(type.rawValue)]) { $0.text(0) ?? "" }
             })
        }
        /// Runs `body` in a read transaction of the same revision.
        func read<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
            try pool.read { db in
                let current = try ArchiveState.read(db).revision
                guard current == revision else { throw DataChangedDuringStream(startedAt: revision, changedTo: current) }
                return try body(db)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        func flushIfLarge() throws { if out.count >= 32 * 1024 { try sink(&out); out.removeAll(keepingCapacity: true) } }
        out.append(contentsOf: "{\n  \"format\": ".utf8)
        JSONWriter.writeString(ArchiveFormat.identifier, into: &out)
        out.append(contentsOf: ",\n  \"description\": ".utf8)
        JSONWriter.write(JSONValue(description), into: &out, pretty: true, indent: 1)
        for (type, ids) in zip(collectionOrder, ids) {
            out.append(contentsOf: ",\n  \"\(type.collection)\": [".utf8)
            var first = true
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(start + chunkSize, ids.count)]
                start = chunk.endIndex
                let items = try read { db in try chunk.map { try ItemLoader.load($0, as: type, from: db) } }
                for item in items {
                    out.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
                    first = false
                    JSONWriter.write(.object(item), into: &out, pretty: true, indent: 2)
                    try flushIfLarge()
                }
            }
            out.append(contentsOf: (first ? "]" : "\n  ]").utf8)
        }
        out.append(contentsOf: ",\n  \"relations\": [".utf8)
        var first = true
        var after: Int64 = .min
        while true {
            let relations = try read { db in
                try db.cachedStatement("SELECT ordinal, from_id, to_id, type, note, source_id FROM relations WHERE ordinal > ? ORDER BY ordinal LIMIT ?")
                    .rows([.integer(after), .integer(Int64(chunkSize))]) { row -> (Int64, JSONValue) in
                        (row.int(0) ?? 0, ["from": row.json(1), "to": row.json(2), "type": row.json(3), "note": row.json(4), "source_id": row.json(5)])
                    }
            }
            for (_, relation) in relations {
                out.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
                first = false
                JSONWriter.write(relation, into: &out, pretty: true, indent: 2)
                try flushIfLarge()
            }
            guard relations.count == chunkSize, let last = relations.last else { break }
            after = last.0
        }
        out.append(contentsOf: (first ? "]\n}\n" : "\n  ]\n}\n").utf8)
        try sink(&out)
    }
}
