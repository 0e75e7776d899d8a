@testable import Store
import Testing

@Suite("SQLite statement")
struct SQLiteStatementTests {
    @Test func cachedStatement_IsReused_AndRebinds() throws {
        try withSQLiteConnection { db in
            let sql = "SELECT ? + 1"
            let first = try db.cachedStatement(sql)
            #expect(try first.scalarInt([1]) == 2)
            let second = try db.cachedStatement(sql)
            #expect(first === second)
            #expect(try second.scalarInt([41]) == 42)
            #expect(try db.prepare(sql) !== first)  // uncached
        }
    }

    @Test func cachedStatement_IsFresh_WhenSameSQLIsStillStepping() throws {
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1), (2), (3)")
            let sql = "SELECT n FROM t WHERE n >= ? ORDER BY n"
            let outer = try db.cachedStatement(sql)
            var pairs: [[Int64]] = []
            try outer.forEachRow([2]) { row in
                let inner = try db.cachedStatement(sql)
                #expect(inner !== outer)
                pairs.append([row.int(0)!] + (try inner.rows([1]) { $0.int(0)! }))
            }
            #expect(pairs == [[2, 1, 2, 3], [3, 1, 2, 3]])
        }
    }

    @Test func bindings_RoundTrip_AllTypes() throws {
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE v (x ANY) STRICT")
            let values: [SQLValue] = [
                .null,
                .integer(.min), .integer(.max), 0,
                .real(-0.5), 3.141592653589793, .real(.greatestFiniteMagnitude),
                "", "plain", .text("a\u{0}b\u{0}"), "Łódź – Ústí nad Labem – 東京 – 👩‍👩‍👧 – e\u{301}",
                .blob([]), .blob([0, 1, 0, 255]),
            ]
            let insert = try db.cachedStatement("INSERT INTO v (x) VALUES (?)")
            for value in values { try insert.run([value]) }
            let read = try db.prepare("SELECT x FROM v ORDER BY rowid").rows { $0.value(0) }
            #expect(read == values)
            #expect(read.count == values.count)
        }
    }

    @Test func text_KeepsEmbeddedNUL_AndReportsByteCount() throws {
        try withSQLiteConnection { db in
            let text = "vor\u{0}nach – ü"
            let (string, count, bytes) = try #require(
                try db.prepare("SELECT ?").firstRow([.text(text)]) { row in
                    (row.text(0), row.withTextBytes(0) { $0.count }, row.withTextBytes(0) { Array($0) })
                })
            #expect(string == text)
            #expect(count == text.utf8.count)
            #expect(bytes == Array(text.utf8))
        }
    }

    @Test func row_ReadsTypedColumns() throws {
        try withSQLiteConnection { db in
            let statement = try db.prepare("SELECT 1 AS yes, 0 AS no, 2.5 AS half, NULL AS missing, x'00ff' AS bytes")
            try statement.forEachRow { row in
                #expect(row.columnCount == 5)
                #expect(row.columnName(2) == "half")
                #expect(row.bool(0) == true)
                #expect(row.bool(1) == false)
                #expect(row.double(2) == 2.5)
                #expect(row.isNull(3))
                #expect(row.int(3) == nil)
                #expect(row.text(3) == nil)
                #expect(row.withTextBytes(3) { $0.count } == 0)
                #expect(row.blob(4) == [0, 255])
            }
        }
    }

    @Test func forEachRow_ThatThrows_LeavesNoBusyStatement() throws {
        struct Stop: Error {}
        try withSQLiteConnection { db in
            try db.execute("CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1), (2), (3)")
            let statement = try db.cachedStatement("SELECT n FROM t WHERE n > ?")
            var seen: [Int64] = []
            #expect(throws: Stop.self) {
                try statement.forEachRow([0]) { row in
                    seen.append(row.int(0)!)
                    if seen.count == 2 { throw Stop() }
                }
            }
            #expect(seen == [1, 2])
            #expect(!db.hasBusyStatements())
            // The bindings were cleared: running without values is refused, not run with NULL.
            #expect(throws: SQLiteError.self) { try statement.run() }
            #expect(try statement.rows([1]) { $0.int(0)! } == [2, 3])
        }
    }

    @Test func firstRow_LeavesNoBusyStatement() throws {
        try withSQLiteConnection { db in
            let first = try db.prepare("WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 100) SELECT value FROM n").firstRow { $0.int(0) }
            #expect(first == 1)
            #expect(!db.hasBusyStatements())
        }
    }

    @Test func bind_Throws_WhenArgumentCountIsWrong() throws {
        try withSQLiteConnection { db in
            let statement = try db.prepare("SELECT ?, ?")
            let error = #expect(throws: SQLiteError.self) { try statement.run([1]) }
            #expect(error?.code == SQLiteError.range)
            #expect(error?.sql == "SELECT ?, ?")
            #expect(throws: SQLiteError.self) { try statement.run([1, 2, 3]) }
            try statement.bind([1, 2])
            try statement.run()  // uses the explicit bind
        }
    }

    @Test func sqlValue_LiteralsAndConveniences() {
        let values: [SQLValue] = [nil, 1, 1.5, "x", true]
        #expect(values == [.null, .integer(1), .real(1.5), .text("x"), .integer(1)])
        #expect(SQLValue(Int?.none) == .null)
        #expect(SQLValue(Optional(3)) == .integer(3))
        #expect(SQLValue(String?.none) == .null)
        #expect(SQLValue(Optional("a")) == .text("a"))
        #expect(SQLValue(Double?.none) == .null)
        #expect(SQLValue(Optional(2.0)) == .real(2))
        #expect(SQLValue(false) == .integer(0))
    }
}
