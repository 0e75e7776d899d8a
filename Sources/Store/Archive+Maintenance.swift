extension Archive {
    /// Every problem in the database, in the order ``check(scratchFolder:report:)`` finds them.
    public func check(scratchFolder: String = ScratchFile.defaultFolder) throws -> [String] {
        var problems: [String] = []
        try check(scratchFolder: scratchFolder) { problems.append($0) }
        return problems
    }

    /// Calls `report` with every problem in the database as it is found (one sentence each; a
    /// damaged database of a million items may have a million): SQLite's integrity and
    /// foreign-key checks, every item has a revision (and an item's last revision is a delete
    /// exactly when it is gone), every stored rendering and count equals a fresh one, then the
    /// archive's own rules (references resolve, dates parse, every item cites a source), judged by
    /// reading the whole archive back through the import validation. The export that the validation reads is
    /// written to a file in `scratchFolder` that no path names (gone when the check ends, however
    /// it ends); a folder it cannot be written in is a ``ScratchFile/Failure``.
    public func check(scratchFolder: String = ScratchFile.defaultFolder, report: (String) -> Void) throws {
        // The export goes to an unnamed temporary file, read back in passes as an imported file
        // is: memory for one item at a time (and the ids), not the export (1.5 GB at a million).
        // Made first, so that a folder where it cannot be is refused before the long passes.
        let exported = try ScratchFile(in: scratchFolder, for: "the temporary export that check validates")
        try pool.read { db in
            try db.cachedStatement("PRAGMA integrity_check").forEachRow { row in
                let message = row.text(0) ?? ""
                if message != "ok" { report("integrity: \(message)") }
            }
            try db.cachedStatement("PRAGMA foreign_key_check").forEachRow { row in
                report("foreign key: a row of \(row.text(0) ?? "?") (rowid \(row.int(1) ?? 0)) refers to a missing row of \(row.text(2) ?? "?")")
            }
            try db.cachedStatement("""
                SELECT i.type, i.id FROM items i WHERE i.type <> 'source'
                AND NOT EXISTS (SELECT 1 FROM item_sources s WHERE s.item_id = i.id) ORDER BY i.id
                """).forEachRow { row in
                report("\(row.text(0) ?? "item") \(row.text(1) ?? ""): cites no source")
            }
            try db.cachedStatement("""
                SELECT i.type, i.id FROM items i
                WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.item_id = i.id AND r.action <> 'delete') ORDER BY i.id
                """).forEachRow { row in
                report("\(row.text(0) ?? "item") \(row.text(1) ?? ""): has no revision")
            }
            try db.cachedStatement("""
                SELECT r.type, r.item_id, r.revision FROM revisions r
                WHERE r.revision = (SELECT max(revision) FROM revisions WHERE item_id = r.item_id)
                AND (r.action = 'delete') = EXISTS (SELECT 1 FROM items i WHERE i.id = r.item_id) ORDER BY r.item_id
                """).forEachRow { row in
                report("\(row.text(0) ?? "item") \(row.text(1) ?? ""): its last revision (\(row.int(2) ?? 0)) disagrees with whether it exists")
            }
            try RenderedItems.problems(in: db, report: report)
            for problem in try FacetCounts.problems(in: db) { report(problem) }
            return ()
        }
        try export { try exported.append($0) }
        do {
            _ = try ArchiveFormat.check(.scratch(exported))
        } catch let error as ValidationError {
            for problem in error.problems { report("archive: \(problem.description)") }
        }
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
