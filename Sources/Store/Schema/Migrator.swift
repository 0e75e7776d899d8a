/// Creates the schema in an empty database and refuses a database of another schema version.
public enum Migrator {
    /// The `PRAGMA user_version` that `schema.sql` sets.
    public static let currentVersion = 2

    public enum State: Sendable, Equatable { case empty, current }

    /// Whether the database holds nothing yet or the current schema; throws for anything else.
    public static func state(of db: Connection) throws -> State {
        let version = try db.userVersion()
        let tables = try db.cachedStatement("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").scalarInt() ?? 0
        if version == 0 && tables == 0 { return .empty }
        if version == currentVersion { return .current }
        throw StoreError.incompatibleDatabase(
            "the database has schema version \(version), this archive-server understands version \(currentVersion)")
    }

    /// Runs `schema.sql` (embedded in the binary) on an empty database, inside the caller's transaction.
    static func createSchema(in db: Connection) throws {
        try db.execute(EmbeddedResources.schemaSQL)
    }
}

/// Errors of the store that are not SQLite's own.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    case incompatibleDatabase(String)
    case notEmpty(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .incompatibleDatabase(let message), .notEmpty(let message), .notFound(let message): message
        }
    }
}
