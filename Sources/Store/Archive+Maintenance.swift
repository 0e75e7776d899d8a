extension Archive {
    /// Every problem in the database: SQLite's integrity and foreign-key checks, every item has
    /// a revision (and an item's last revision is a delete exactly when it is gone), then the
    /// archive's own rules (references resolve, dates parse, every item cites a source), judged
    /// by reading the whole archive back through the import validation; the stored renderings and
    /// counts must equal fresh ones.
    public func check() throws -> [String] {
        var problems: [String] = []
        try pool.read { db in
            try db.cachedStatement("PRAGMA integrity_check").forEachRow { row in
                let message = row.text(0) ?? ""
                if message != "ok" { problems.append("integrity: \(message)") }
            }
            try db.cachedStatement("PRAGMA foreign_key_check").forEachRow { row in
                problems.append("foreign key: a row of \(row.text(0) ?? "?") (rowid \(row.int(1) ?? 0)) refers to a missing row of \(row.text(2) ?? "?")")
            }
            try db.cachedStatement("""
                SELECT i.type, i.id FROM items i WHERE i.type <> 'source'
                AND NOT EXISTS (SELECT 1 FROM item_sources s WHERE s.item_id = i.id) ORDER BY i.id
                """).forEachRow { row in
                problems.append("\(row.text(0) ?? "item") \(row.text(1) ?? ""): cites no source")
            }
            try db.cachedStatement("""
                SELECT i.type, i.id FROM items i
                WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.item_id = i.id AND r.action <> 'delete') ORDER BY i.id
                """).forEachRow { row in
                problems.append("\(row.text(0) ?? "item") \(row.text(1) ?? ""): has no revision")
            }
            try db.cachedStatement("""
                SELECT r.type, r.item_id, r.revision FROM revisions r
                WHERE r.revision = (SELECT max(revision) FROM revisions WHERE item_id = r.item_id)
                AND (r.action = 'delete') = EXISTS (SELECT 1 FROM items i WHERE i.id = r.item_id) ORDER BY r.item_id
                """).forEachRow { row in
                problems.append("\(row.text(0) ?? "item") \(row.text(1) ?? ""): its last revision (\(row.int(2) ?? 0)) disagrees with whether it exists")
            }
            problems += try RenderedItems.problems(in: db)
            problems += try FacetCounts.problems(in: db)
            return ()
        }
        var exported: [UInt8] = []
        try export { exported.append(contentsOf: $0) }
        do {
            _ = try ArchiveFormat.check(.bytes(exported))
        } catch let error as ValidationError {
            problems += error.problems.map { "archive: \($0.description)" }
        }
        return problems
    }

    /// Writes a consistent copy of the database to `destination` (which must not exist); a failed
    /// backup leaves nothing at `destination`. Works on a read-only archive too.
    public func backup(to destination: String) throws {
        guard case .nothing = DatabaseFile.inspect(destination) else {
            throw StoreError.notEmpty("\(destination) already exists")
        }
        do {
            try pool.vacuum(into: destination)
        } catch {
            DatabaseFile.remove(destination)
            throw error
        }
    }
}
