/// A cap on the database file's size (`PRAGMA max_page_count` on the writer): a write that would
/// grow the file past it fails with ``ArchiveError/full`` and is rolled back, as on a full disk.
extension Archive {
    /// The largest page count SQLite allows (its default limit).
    static let unlimitedPageCount = 4_294_967_294

    /// Caps the database at `bytes` (rounded down to whole pages, never below its current size);
    /// nil lifts the cap.
    public func setMaxDatabaseBytes(_ bytes: Int?) throws {
        try pool.write { db in
            let pageSize = Int(try db.cachedStatement("PRAGMA page_size").scalarInt() ?? 4096)
            let pages = bytes.map { max($0 / pageSize, 1) } ?? Self.unlimitedPageCount
            // A pragma takes no bound parameter: the integer is formatted in.
            _ = try db.prepare("PRAGMA max_page_count = \(pages)").scalarInt()
        }
    }
}
