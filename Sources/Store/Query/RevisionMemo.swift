import Support
import Synchronization

/// Totals and facet counts of collection queries, kept per data revision: at a million
/// documents a `count(*)` over the filtered set costs far more than the page itself, and the
/// answer changes only with the data. Read inside the caller's read transaction, so the revision
/// and the count come from one snapshot. Any new revision starts the memo over; it holds at most
/// `capacity` answers (then starts over too: the keys are whole queries, rarely repeated twice
/// over but for the common ones, which come straight back).
final class RevisionMemo<Value: Sendable>: Sendable {
    private struct Storage {
        var stamp: ArchiveState?
        var values: [String: Value] = [:]
    }

    private let storage = Mutex(Storage())
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    /// The memoised value of `key` at the database's current revision, or `make()`'s.
    func value(_ key: String, in db: Connection, make: () throws -> Value) throws -> Value {
        // The revision and the time of the last change: a database made anew at the same path
        // starts its revisions over, but not at the same second.
        let stamp = try ArchiveState.read(db)
        if let known = storage.withLock({ $0.stamp == stamp ? $0.values[key] : nil }) { return known }
        let made = try make()
        storage.withLock { storage in
            if storage.stamp != stamp || storage.values.count >= capacity {
                storage = Storage()
                storage.stamp = stamp
            }
            storage.values[key] = made
        }
        return made
    }
}

extension Collections {
    /// Totals of filtered lists, per revision and database file.
    static let totals = RevisionMemo<Int>()
    /// Facet counts, per revision and database file.
    static let facetCounts = RevisionMemo<JSONValue>()

    /// The key of a query in `db`: the file (two archives may be open in one process), the SQL and its arguments.
    static func memoKey(_ sql: String, _ arguments: [SQLValue], in db: Connection) -> String {
        db.path + "\u{0}" + sql + "\u{0}" + arguments.map(\.description).joined(separator: "\u{1}")
    }

    /// `count(*)` of the filtered set, memoised per revision.
    static func total(_ sql: String, _ arguments: [SQLValue], in db: Connection) throws -> Int {
        try totals.value(memoKey(sql, arguments, in: db), in: db) {
            Int(try db.cachedStatement(sql).scalarInt(arguments) ?? 0)
        }
    }
}
