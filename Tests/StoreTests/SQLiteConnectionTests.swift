import CSQLite
import Glibc
@testable import Store
import Testing

@Suite("SQLite connection")
struct SQLiteConnectionTests {
    @Test func open_AppliesPragmas_WhenReadWrite() throws {
        try withSQLiteTempDirectory { dir in
            let db = try Connection(path: dir + "/a.sqlite")
            #expect(try db.prepare("PRAGMA journal_mode").scalarText() == "wal")
            #expect(try db.prepare("PRAGMA synchronous").scalarInt() == 2)  // FULL
            #expect(try db.prepare("PRAGMA foreign_keys").scalarInt() == 1)
            #expect(try db.prepare("PRAGMA busy_timeout").scalarInt() == 5_000)
            #expect(!db.isReadOnly)
            db.close()
            db.close()  // idempotent
            #expect(db.isClosed)
        }
    }

    @Test func memoryStatistics_AreOff_SoAllocationsTakeNoGlobalMutex() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(10000)))")
        #expect(sqlite3_memory_used() == 0)  // counted only with SQLITE_CONFIG_MEMSTATUS on
        db.close()
    }

    @Test func open_Throws_WhenReadOnlyFileIsMissing() throws {
        try withSQLiteTempDirectory { dir in
            let error = #expect(throws: SQLiteError.self) {
                _ = try Connection(path: dir + "/missing.sqlite", mode: .readOnly)
            }
            #expect(error?.isPrimary(SQLiteError.cantOpen) == true)
            #expect(error?.message.contains("missing.sqlite") == true)
        }
    }

    @Test func version_IsAtLeast337() {
        #expect(sqliteVersion().hasPrefix("3."))
        let minor = Int(sqliteVersion().split(separator: ".")[1]) ?? 0
        #expect(minor >= 37)
    }

    @Test func fts5_IsAvailable() throws {
        try withSQLiteConnection { db in
            try db.execute("""
                CREATE VIRTUAL TABLE note USING fts5(body);
                INSERT INTO note(body) VALUES ('Transport nach Theresienstadt'), ('Liste der Namen');
                """)
            let hits = try db.prepare("SELECT body FROM note WHERE note MATCH ?").rows(["theresienstadt"]) { $0.text(0) }
            #expect(hits == ["Transport nach Theresienstadt"])
        }
    }

    @Test func strictTable_RejectsWrongType() throws {
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT")
            let error = #expect(throws: SQLiteError.self) {
                try db.prepare("INSERT INTO t (n) VALUES (?)").run(["not a number"])
            }
            #expect(error?.isPrimary(SQLiteError.constraint) == true)
            #expect(error?.code == SQLiteError.constraintDataType)
            #expect(error?.matches(SQLiteError.constraint) == true)
            #expect(error?.matches(SQLiteError.constraintUnique) == false)
        }
    }

    @Test func error_CarriesCodeMessageAndSQL_ButNotBoundValues() throws {
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE person (name TEXT NOT NULL UNIQUE) STRICT")
            let sql = "INSERT INTO person (name) VALUES (?)"
            let secret = "Geheim-4711-Adresse"
            try db.cachedStatement(sql).run([.text(secret)])
            let error = #expect(throws: SQLiteError.self) {
                try db.cachedStatement(sql).run([.text(secret)])
            }
            guard let error else { return }
            #expect(error.code == SQLiteError.constraintUnique)
            #expect(error.primaryCode == SQLiteError.constraint)
            #expect(error.message.contains("UNIQUE constraint failed: person.name"))
            #expect(error.sql == sql)
            #expect(!error.description.contains(secret))
            #expect(!error.message.contains(secret))
            #expect(error.description.contains(sql))
            #expect(!db.hasBusyStatements())
        }
    }

    @Test func prepare_Throws_WithSQL_OnSyntaxError() throws {
        try withSQLiteConnection { db in
            let error = #expect(throws: SQLiteError.self) { _ = try db.prepare("SELEC 1") }
            #expect(error?.code == SQLiteError.error)
            #expect(error?.sql == "SELEC 1")
            #expect(error?.message.contains("syntax error") == true)
        }
    }

    @Test func prepare_Throws_WhenGivenTwoStatements() throws {
        try withSQLiteConnection { db in
            #expect(throws: SQLiteError.self) { _ = try db.prepare("SELECT 1; SELECT 2") }
            // A trailing comment or semicolon is not a second statement.
            let one = try db.prepare("SELECT 1; -- done\n").scalarInt()
            #expect(one == 1)
        }
    }

    @Test func doubleQuotedStringLiteral_IsAnError() throws {
        try withSQLiteConnection { db in
            #expect(throws: SQLiteError.self) { _ = try db.prepare(#"SELECT "no such column""#) }
        }
    }

    @Test func execute_NamesTheFailingStatement() throws {
        try withSQLiteConnection { db in
            let error = #expect(throws: SQLiteError.self) {
                try db.execute("CREATE TABLE a (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1); CREATE TABLE b (y)")
            }
            #expect(error?.sql == "INSERT INTO nowhere VALUES (1)")
            #expect(error?.message.contains("no such table: nowhere") == true)
            let created = try db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'a'").scalarInt()
            #expect(created == 1)  // the statement before the failing one ran
        }
    }

    @Test func transaction_Commits_WhenBodySucceeds() throws {
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE t (n INTEGER) STRICT")
            let id = try db.transaction {
                try db.cachedStatement("INSERT INTO t (n) VALUES (?)").run([42])
                return db.lastInsertRowID
            }
            #expect(id == 1)
            #expect(db.changes == 1)
            #expect(!db.isInTransaction)
            #expect(try db.prepare("SELECT n FROM t").scalarInt() == 42)
        }
    }

    @Test func transaction_RollsBack_AndRethrowsOriginalError() throws {
        struct Abort: Error {}
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE t (n INTEGER) STRICT")
            #expect(throws: Abort.self) {
                try db.transaction {
                    try db.cachedStatement("INSERT INTO t (n) VALUES (?)").run([1])
                    throw Abort()
                }
            }
            #expect(!db.isInTransaction)
            #expect(try db.prepare("SELECT count(*) FROM t").scalarInt() == 0)
        }
    }

    @Test func readOnlyConnection_RefusesWrites() throws {
        try withSQLiteTempDirectory { dir in
            let writer = try Connection(path: dir + "/a.sqlite")
            try writer.execute("CREATE TABLE t (n INTEGER) STRICT")
            let reader = try Connection(path: dir + "/a.sqlite", mode: .readOnly)
            #expect(reader.isReadOnly)
            let error = #expect(throws: SQLiteError.self) {
                try reader.execute("INSERT INTO t (n) VALUES (1)")
            }
            #expect(error?.isPrimary(SQLiteError.readOnly) == true)
            #expect(try reader.prepare("SELECT count(*) FROM t").scalarInt() == 0)
        }
    }

    @Test func userVersion_RoundTrips() throws {
        try withSQLiteConnection { db in
            #expect(try db.userVersion() == 0)
            try db.setUserVersion(7)
            #expect(try db.userVersion() == 7)
        }
    }
}

// MARK: - Support

/// Runs `body` with a fresh temporary directory, removed afterwards (with its files).
func withSQLiteTempDirectory(_ body: (String) throws -> Void) throws {
    var template = Array("/tmp/sqlite-tests-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else {
        throw SQLiteError(code: SQLiteError.cantOpen, message: "mkdtemp failed: errno \(errno)")
    }
    let directory = String(cString: created)
    defer { removeFlatDirectory(directory) }
    try body(directory)
}

/// Runs `body` with a read-write connection on a fresh file; checks that no statement is left busy.
func withSQLiteConnection(_ body: (Connection) throws -> Void) throws {
    try withSQLiteTempDirectory { dir in
        let db = try Connection(path: dir + "/test.sqlite")
        defer {
            #expect(!db.hasBusyStatements(), "statement left busy at close")
            db.close()
        }
        try body(db)
    }
}

private func removeFlatDirectory(_ directory: String) {
    guard let stream = opendir(directory) else { return }
    var names: [String] = []
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    closedir(stream)
    for name in names { unlink(directory + "/" + name) }
    rmdir(directory)
}
