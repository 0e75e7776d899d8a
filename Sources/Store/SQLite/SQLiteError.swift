import CSQLite

/// An error reported by SQLite, or a misuse detected by this wrapper.
///
/// It carries the extended result code, SQLite's message and the SQL text of the statement
/// (with its `?` placeholders): never the bound values, which may hold private data.
/// Result codes: <https://www.sqlite.org/rescode.html>.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, such as 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
    public let code: Int32
    /// SQLite's message (`sqlite3_errmsg`), or ours for a misuse.
    public let message: String
    /// The SQL of the failing statement, if any; never with bound values.
    public let sql: String?

    /// Makes an error; `message` and `sql` must not contain bound values.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code: the low 8 bits of `code` (2067 → 19, `SQLITE_CONSTRAINT`).
    public var primaryCode: Int32 { code & 0xFF }

    /// Whether the primary code is `primary`: `isPrimary(SQLiteError.constraint)` holds for every
    /// constraint failure (UNIQUE, FOREIGN KEY, NOT NULL, CHECK, DATATYPE…).
    public func isPrimary(_ primary: Int32) -> Bool {
        primaryCode == primary
    }

    /// Whether this error is `code`: a primary code matches all its extended codes, an extended
    /// code only itself.
    public func matches(_ code: Int32) -> Bool {
        code & ~0xFF == 0 ? primaryCode == code : self.code == code
    }

    /// `code`, SQLite's name for it, the message and the SQL.
    public var description: String {
        var text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql {
            text += " — while executing `\(sql)`"
        }
        return text
    }
}

// MARK: - Result codes

extension SQLiteError {
    /// `SQLITE_ERROR`: generic error, such as an SQL syntax error.
    public static let error: Int32 = SQLITE_ERROR
    /// `SQLITE_BUSY`: the busy timeout elapsed while the database was locked.
    public static let busy: Int32 = SQLITE_BUSY
    /// `SQLITE_LOCKED`: a conflict within the same connection.
    public static let locked: Int32 = SQLITE_LOCKED
    /// `SQLITE_READONLY`: a write on a read-only connection.
    public static let readOnly: Int32 = SQLITE_READONLY
    /// `SQLITE_IOERR`: an operating-system I/O error.
    public static let ioError: Int32 = SQLITE_IOERR
    /// `SQLITE_CORRUPT`: the database file is malformed.
    public static let corrupt: Int32 = SQLITE_CORRUPT
    /// `SQLITE_FULL`: the disk is full.
    public static let full: Int32 = SQLITE_FULL
    /// `SQLITE_CANTOPEN`: the file cannot be opened.
    public static let cantOpen: Int32 = SQLITE_CANTOPEN
    /// `SQLITE_CONSTRAINT`: any constraint violation.
    public static let constraint: Int32 = SQLITE_CONSTRAINT
    /// `SQLITE_TOOBIG`: a string or BLOB exceeds the size limit.
    public static let tooBig: Int32 = SQLITE_TOOBIG
    /// `SQLITE_MISUSE`: the API was used incorrectly (also raised by this wrapper).
    public static let misuse: Int32 = SQLITE_MISUSE
    /// `SQLITE_RANGE`: wrong number of bound arguments (also raised by this wrapper).
    public static let range: Int32 = SQLITE_RANGE
    /// `SQLITE_NOTADB`: the file is not a database.
    public static let notADatabase: Int32 = SQLITE_NOTADB

    /// `SQLITE_CONSTRAINT_UNIQUE`.
    public static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`.
    public static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    /// `SQLITE_CONSTRAINT_NOTNULL`.
    public static let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)
    /// `SQLITE_CONSTRAINT_CHECK`.
    public static let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)
    /// `SQLITE_CONSTRAINT_TRIGGER`: a `RAISE(ABORT, …)` in a trigger.
    public static let constraintTrigger: Int32 = SQLITE_CONSTRAINT | (7 << 8)
    /// `SQLITE_CONSTRAINT_DATATYPE`: a STRICT table refused a value of the wrong type.
    public static let constraintDataType: Int32 = SQLITE_CONSTRAINT | (12 << 8)
    /// `SQLITE_BUSY_SNAPSHOT`: a WAL read transaction could not be upgraded to a write.
    public static let busySnapshot: Int32 = SQLITE_BUSY | (2 << 8)
}
