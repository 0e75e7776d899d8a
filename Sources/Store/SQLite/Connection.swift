import CSQLite
import Dispatch

/// The version of the SQLite library linked at run time, such as "3.40.1".
public func sqliteVersion() -> String {
    String(cString: sqlite3_libversion())
}

/// One SQLite database connection: the sole owner of one `sqlite3*`.
///
/// Opened with `SQLITE_OPEN_NOMUTEX`, so it must be used by one thread at a time: ``DatabasePool``
/// confines each connection to a serial queue. Statements it prepares must not outlive it.
/// See <https://www.sqlite.org/c3ref/open.html> and <https://www.sqlite.org/threadsafe.html>.
final class Connection {
    /// How the file is opened.
    enum Mode: Sendable {
        /// Read and write; the file is created if missing. Sets WAL and `synchronous=FULL`.
        case readWrite
        /// Read only: every write fails with `SQLITE_READONLY`; `query_only` is set.
        case readOnly
        /// Read only, and the file promised not to change while open (`immutable=1`,
        /// <https://www.sqlite.org/uri.html#uriimmutable>): no locks, no `-shm`, and a `-wal`
        /// is not read, so it suits only a file whose every change is in the file itself.
        case immutable
    }

    /// How long a statement waits for a lock before failing with `SQLITE_BUSY`.
    static let busyTimeoutMilliseconds: Int32 = 5_000
    /// 3.37.0, the first release with STRICT tables.
    static let minimumVersionNumber: Int32 = 3_037_000

    /// Process-wide settings made once, before the first open initialises SQLite: no memory
    /// statistics (nothing reads them, and every allocation would take their global mutex, which
    /// readers on several threads contend for).
    private static let libraryConfigured: Void = { _ = archive_sqlite3_config_memstatus(0) }()
    /// The result of registering the VFS of mapped connections, once per process (after the
    /// settings above: finding the default VFS initialises SQLite).
    private static let randomMapVFS: Int32 = {
        _ = libraryConfigured
        return archive_register_random_map_vfs()
    }()

    /// The file this connection opened.
    let path: String
    /// The mode it was opened with.
    let mode: Mode
    /// The handle; nil once closed.
    private var handle: OpaquePointer?
    /// SQL text → statement prepared PERSISTENT.
    var statementCache: [String: Statement] = [:]
    /// The serial queue this connection is confined to, when a pool owns it (checked in debug builds).
    var confinementQueue: DispatchQueue?

    // MARK: - Opening

    /// Opens `path`, then configures the connection: extended result codes, a 5 s busy timeout,
    /// `SQLITE_DBCONFIG_DEFENSIVE`, no double-quoted string literals, `foreign_keys=ON`, for
    /// `.readWrite` `journal_mode=WAL` and `synchronous=FULL`, otherwise `query_only`.
    ///
    /// `mmapBytes` > 0 reads up to that much of the file through a memory map (`PRAGMA mmap_size`,
    /// <https://www.sqlite.org/mmap.html>) advised for random access (`random_map_vfs.h`).
    ///
    /// Throws if SQLite is older than 3.37 or lacks FTS5. The handle is closed even after a failed open.
    init(path: String, mode: Mode = .readWrite, mmapBytes: Int = 0) throws(SQLiteError) {
        self.path = path
        self.mode = mode
        guard sqlite3_libversion_number() >= Self.minimumVersionNumber else {
            throw SQLiteError(
                code: SQLiteError.error,
                message: "SQLite \(sqliteVersion()) is too old: STRICT tables need 3.37.0 or later")
        }
        _ = Self.libraryConfigured
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .immutable: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        }
        let filename = mode == .immutable ? Self.immutableURI(path) : path
        var opened: OpaquePointer?
        if mmapBytes > 0, Self.randomMapVFS != SQLITE_OK {
            throw SQLiteError(code: Self.randomMapVFS, message: "cannot register the VFS \(ARCHIVE_RANDOM_MAP_VFS_NAME)")
        }
        let code = sqlite3_open_v2(filename, &opened, flags, mmapBytes > 0 ? ARCHIVE_RANDOM_MAP_VFS_NAME : nil)
        guard code == SQLITE_OK, let opened else {
            // https://www.sqlite.org/c3ref/open.html: "Whether or not an error occurs when it is
            // opened, resources associated with the database connection handle should be released
            // by passing it to sqlite3_close()". A nil handle is a harmless no-op.
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            let extended = opened.map { sqlite3_extended_errcode($0) } ?? code
            sqlite3_close(opened)
            throw SQLiteError(code: extended, message: "cannot open database \(path): \(message)")
        }
        handle = opened
        do {
            try configure()
            if mmapBytes > 0 { try execute("PRAGMA mmap_size = \(mmapBytes)") }
        } catch {
            close()
            throw error
        }
    }

    // MARK: - Closing

    /// Finalizes the cached statements and closes the handle; later calls do nothing.
    ///
    /// Uses `sqlite3_close_v2`, so a statement still held elsewhere keeps a "zombie" connection alive
    /// until it is finalized. Debug builds assert that no statement is left busy.
    func close() {
        guard let db = handle else { return }
        assert(!hasBusyStatements(), "closing \(path) with a statement still stepping: \(busyStatementSQL())")
        statementCache.removeAll()
        // https://www.sqlite.org/c3ref/close.html
        let code = sqlite3_close_v2(db)
        assert(code == SQLITE_OK, "sqlite3_close_v2 failed with \(code)")
        handle = nil
    }

    deinit {
        close()
    }

    /// Whether `close()` has run.
    var isClosed: Bool { handle == nil }

    /// Whether any statement of this connection has been stepped and not reset (a leak).
    /// See <https://www.sqlite.org/c3ref/stmt_busy.html>.
    func hasBusyStatements() -> Bool {
        !busyStatementSQL().isEmpty
    }

    /// The SQL of the busy statements, for diagnostics.
    func busyStatementSQL() -> [String] {
        guard let db = handle else { return [] }
        var result: [String] = []
        var statement = sqlite3_next_stmt(db, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 {
                result.append(sqlite3_sql(current).map { String(cString: $0) } ?? "?")
            }
            statement = sqlite3_next_stmt(db, current)
        }
        return result
    }

    // MARK: - Statements

    /// Runs a script of zero or more statements separated by semicolons, each to completion.
    ///
    /// A failure names the failing statement. Rows that statements return are ignored.
    func execute(_ sql: String) throws(SQLiteError) {
        checkConfinement()
        var script = sql
        // withUTF8 rethrows untyped errors: carry ours out through a local.
        var failure: SQLiteError?
        script.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { start in
                do throws(SQLiteError) {
                    try runScript(start, count: bytes.count)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
    }

    /// Prepares and runs each statement of the UTF-8 script at `start`.
    private func runScript(_ start: UnsafePointer<CChar>, count: Int) throws(SQLiteError) {
        let end = start + count
        var cursor = start
        while cursor < end {
            var raw: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(db, cursor, Int32(end - cursor), 0, &raw, &tail)
            guard code == SQLITE_OK else {
                let message = errorMessage
                throw SQLiteError(code: code, message: message, sql: statementText(from: cursor, to: end))
            }
            let next = tail ?? end
            let text = trimmed(String(decoding: UnsafeRawBufferPointer(start: cursor, count: next - cursor), as: UTF8.self))
            cursor = next
            guard let raw else { continue }  // only whitespace or a comment
            try Statement(handle: raw, sql: text).run()
        }
    }

    /// The first statement of the script between `start` and `end`: up to the first semicolon
    /// after which `sqlite3_complete` says a statement ends (the tail of a failed prepare is unset).
    /// See <https://www.sqlite.org/c3ref/complete.html>.
    private func statementText(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>) -> String {
        let script = UnsafeBufferPointer(start: start, count: end - start)
        var length = script.count
        for index in script.indices where script[index] == CChar(UInt8(ascii: ";")) {
            if sqlite3_complete(Array(script[...index]) + [0]) == 1 {
                length = index + 1
                break
            }
        }
        return trimmed(String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self))
    }

    /// Prepares one statement, uncached: it is finalized when released.
    ///
    /// Throws if `sql` is empty or holds more than one statement (use ``execute(_:)`` for scripts).
    func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        checkConfinement()
        return try makeStatement(sql, flags: 0)
    }

    /// Prepares the one statement in `sql` with `sqlite3_prepare_v3` flags; shared with the cache.
    func makeStatement(_ sql: String, flags: UInt32) throws(SQLiteError) -> Statement {
        var raw: OpaquePointer?
        var hasMore = false
        // The tail points into the C string, so inspect it while the C string lives.
        let code = sql.withCString { start in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(db, start, -1, flags, &raw, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                // Something follows: fine if it is only whitespace or comments (no statement).
                var extra: OpaquePointer?
                _ = sqlite3_prepare_v3(db, tail, -1, 0, &extra, nil)
                hasMore = extra != nil
                sqlite3_finalize(extra)
            }
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: errorMessage, sql: sql)
        }
        guard let raw else {
            throw SQLiteError(code: SQLiteError.misuse, message: "no statement to prepare", sql: sql)
        }
        let statement = Statement(handle: raw, sql: sql)
        guard !hasMore else {
            throw SQLiteError(
                code: SQLiteError.misuse, message: "prepare takes one statement; use execute(_:) for a script", sql: sql)
        }
        return statement
    }

    // MARK: - State

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes64(db)) }
    /// Rows changed since the connection opened.
    var totalChanges: Int { Int(sqlite3_total_changes64(db)) }
    /// The rowid of the most recent successful INSERT on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }
    /// Whether a transaction is open (the connection is not in autocommit mode).
    var isInTransaction: Bool { sqlite3_get_autocommit(db) == 0 }
    /// Whether the main database refuses writes.
    var isReadOnly: Bool { sqlite3_db_readonly(db, "main") == 1 }

    // MARK: - Internals

    /// The open handle; using a closed connection is a programming error.
    var db: OpaquePointer {
        guard let handle else { preconditionFailure("Connection to \(path) used after close()") }
        return handle
    }

    private var errorMessage: String { String(cString: sqlite3_errmsg(db)) }

    /// Throws the connection's error message unless `code` is `SQLITE_OK`.
    func check(_ code: Int32) throws(SQLiteError) {
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: errorMessage)
        }
    }

    /// Debug builds trap when a pool-owned connection is used off its queue.
    @inline(__always)
    func checkConfinement() {
        #if DEBUG
        if let queue = confinementQueue {
            dispatchPrecondition(condition: .onQueue(queue))
        }
        #endif
    }
}

/// A connection is confined to one thread at a time; share a ``DatabasePool`` instead.
@available(*, unavailable)
extension Connection: Sendable {}

private func trimmed(_ sql: String) -> String {
    var text = Substring(sql)
    while let first = text.first, first.isWhitespace || first == ";" { text.removeFirst() }
    while let last = text.last, last.isWhitespace || last == ";" { text.removeLast() }
    return String(text)
}
