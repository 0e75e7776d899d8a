import Dispatch
import Glibc
@testable import Store
import Synchronization
import Testing

@Suite("SQLite database pool")
struct SQLitePoolTests {
    /// A pool on a fresh file with `CREATE TABLE t (n INTEGER)`.
    private func withPool(readers: Int = 2, _ body: (DatabasePool) throws -> Void) throws {
        try withSQLiteTempDirectory { dir in
            let pool = try DatabasePool(path: dir + "/pool.sqlite", readerCount: readers)
            defer { pool.close() }
            try pool.write { db in try db.execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT") }
            try body(pool)
        }
    }

    private static let count = "SELECT count(*) FROM t"

    /// A serial queue of its own: it targets an overcommit root queue, so it gets a thread at once,
    /// where `DispatchQueue.global()` may wait up to a second for one on a 2-CPU machine.
    private func thread(_ name: String) -> DispatchQueue {
        DispatchQueue(label: "SQLitePoolTests.\(name)")
    }

    @Test func reader_SeesCommittedWrite() throws {
        try withPool { pool in
            #expect(try pool.read { db in try db.cachedStatement(Self.count).scalarInt() } == 0)
            try pool.write { db in
                try db.transaction { try db.cachedStatement("INSERT INTO t (n) VALUES (?)").run([1]) }
            }
            #expect(try pool.read { db in try db.cachedStatement(Self.count).scalarInt() } == 1)
        }
    }

    @Test func mappedReaders_KeepReading_AfterTheFileShrinksUnderThem() throws {
        try withSQLiteTempDirectory { dir in
            let path = dir + "/mapped.sqlite"
            let pool = try DatabasePool(path: path, readerCount: 1, readerMmapBytes: 64 << 20)
            defer { pool.close() }
            #expect(try pool.read { db in try db.prepare("PRAGMA mmap_size").scalarInt() } == 64 << 20)
            try pool.write { db in
                try db.execute("CREATE TABLE t (n INTEGER NOT NULL, text TEXT NOT NULL) STRICT")
                try db.transaction {
                    let insert = try db.cachedStatement("INSERT INTO t (n, text) VALUES (?, ?)")
                    for n in 1...20_000 { try insert.run([.integer(Int64(n)), .text(String(repeating: "x", count: 200))]) }
                }
                try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            }
            let total = "SELECT count(*) + sum(length(text)) FROM t"
            #expect(try pool.read { db in try db.prepare(total).scalarInt() } == 20_000 * 201)
            let grown = try #require(Self.fileSize(path))
            try pool.write { db in
                try db.execute("DELETE FROM t WHERE n > 10")
                try db.execute("VACUUM")
                try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            }
            #expect(try #require(Self.fileSize(path)) < grown / 10)  // truncated under the reader's map
            #expect(try pool.read { db in try db.prepare(total).scalarInt() } == 10 * 201)
        }
    }

    /// A page not in the OS cache must cost a read of that page, not of the disk's read-ahead
    /// window around it (8 MiB on the bench machine): the kernel marks a map advised MADV_RANDOM
    /// with `rr` in its smaps VmFlags. A write makes each reader map the file anew.
    @Test func mappedReaders_MapTheFileForRandomReads_AlsoAfterAWriteRemapsIt() throws {
        try withSQLiteTempDirectory { dir in
            let path = dir + "/advised.sqlite"
            let pool = try DatabasePool(path: path, readerCount: 1, readerMmapBytes: 64 << 20)
            // Checkpointed: a reader reads the pages of the WAL with xRead, never through the map.
            try pool.write { db in try db.execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT; INSERT INTO t VALUES (1); PRAGMA wal_checkpoint(TRUNCATE)") }
            #expect(try pool.read { db in try db.prepare("SELECT count(*) FROM t").scalarInt() } == 1)
            #expect(Self.mapFlags(of: path) == [true])
            try pool.write { db in try db.execute("INSERT INTO t VALUES (2); PRAGMA wal_checkpoint(TRUNCATE)") }
            #expect(try pool.read { db in try db.prepare("SELECT count(*) FROM t").scalarInt() } == 2)
            #expect(Self.mapFlags(of: path) == [true])
            pool.close()
            #expect(Self.mapFlags(of: path) == [])
            let immutable = try DatabasePool(path: path, readerCount: 1, access: .readOnly(immutable: true), readerMmapBytes: 64 << 20)
            defer { immutable.close() }
            #expect(try immutable.read { db in try db.prepare("SELECT sum(n) FROM t").scalarInt() } == 3)
            #expect(Self.mapFlags(of: path) == [true])
        }
    }

    /// For each map of exactly `path` in this process: whether it is advised for random reads.
    private static func mapFlags(of path: String) -> [Bool] {
        guard let file = fopen("/proc/self/smaps", "r") else { return [] }
        defer { fclose(file) }
        var advised: [Bool] = []
        var inMap = false
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmFlags:") {
                if inMap { advised.append(text.split(separator: " ").contains("rr")) }
                inMap = false
            } else if text.first?.isHexDigit == true, text.contains("-") {
                inMap = text.hasSuffix(" " + path + "\n")
            }
        }
        return advised
    }

    private static func fileSize(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    @Test func readers_RunInParallel_WhileWriterWrites() throws {
        // Timeline (two readers, each waiting for the other proves they are inside read {} together):
        //
        //   reader A                  reader B                  test thread
        //   read {                    read {
        //     count → 0 (snapshot)      count → 0 (snapshot)
        //     inside.signal ───────────────────────────────────► inside.wait ×2
        //                               inside.signal ─────────►
        //     written.wait              written.wait              write { INSERT } (not blocked by readers)
        //                                                         written.signal ×2
        //     count → 0 (same snapshot) count → 0
        //   }                         }
        //                                                         read { count → 1 }
        try withPool(readers: 2) { pool in
            let inside = DispatchSemaphore(value: 0)
            let written = DispatchSemaphore(value: 0)
            let results = Mutex<[String]>([])
            let group = DispatchGroup()
            for name in ["A", "B"] {
                thread("reader \(name)").async(group: group) {
                    do {
                        let counts = try pool.read { db in
                            let before = try db.cachedStatement(Self.count).scalarInt()
                            inside.signal()
                            guard written.wait(timeout: .now() + 5) == .success else { return "\(name): timed out" }
                            let after = try db.cachedStatement(Self.count).scalarInt()
                            return "\(name): \(before ?? -1) \(after ?? -1)"
                        }
                        results.withLock { $0.append(counts) }
                    } catch {
                        results.withLock { $0.append("\(name): \(error)") }
                    }
                }
            }
            let bothInside =
                inside.wait(timeout: .now() + 5) == .success && inside.wait(timeout: .now() + 5) == .success
            #expect(bothInside, "two readers were never inside read {} at the same time")
            try pool.write { db in try db.cachedStatement("INSERT INTO t (n) VALUES (?)").run([7]) }
            written.signal()
            written.signal()
            #expect(group.wait(timeout: .now() + 5) == .success)
            #expect(results.withLock { $0.sorted() } == ["A: 0 0", "B: 0 0"])
            #expect(try pool.read { db in try db.cachedStatement(Self.count).scalarInt() } == 1)
        }
    }

    @Test func read_Waits_WhenAllReadersAreBusy() throws {
        // N readers busy: read number N+1 waits until one is checked back in.
        try withPool(readers: 2) { pool in
            let inside = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let thirdEntered = Atomic<Bool>(false)
            let group = DispatchGroup()
            for index in 0..<2 {
                thread("reader \(index)").async(group: group) {
                    _ = try? pool.read { _ in
                        inside.signal()
                        _ = release.wait(timeout: .now() + 5)
                    }
                }
            }
            #expect(inside.wait(timeout: .now() + 5) == .success)
            #expect(inside.wait(timeout: .now() + 5) == .success)
            thread("reader 2").async(group: group) {
                _ = try? pool.read { _ in thirdEntered.store(true, ordering: .releasing) }
            }
            // Wait for the event: the third read is queued for a reader.
            let deadline = ContinuousClock.now + .seconds(10)
            while pool.callersWaitingForReader == 0 && ContinuousClock.now < deadline { sched_yield() }
            #expect(pool.callersWaitingForReader == 1)
            let enteredEarly = thirdEntered.load(ordering: .acquiring)
            #expect(!enteredEarly, "a third read ran with only two readers")
            release.signal()
            release.signal()
            #expect(group.wait(timeout: .now() + 5) == .success)
            let enteredLater = thirdEntered.load(ordering: .acquiring)
            #expect(enteredLater)
        }
    }

    @Test func reader_RefusesWrites() throws {
        try withPool { pool in
            let error = #expect(throws: SQLiteError.self) {
                try pool.read { db in try db.execute("INSERT INTO t (n) VALUES (1)") }
            }
            #expect(error?.isPrimary(SQLiteError.readOnly) == true)
        }
    }

    @Test func write_RollsBack_WhenBodyLeavesTransactionOpen() throws {
        try withPool { pool in
            let error = #expect(throws: SQLiteError.self) {
                try pool.write { db in try db.execute("BEGIN; INSERT INTO t (n) VALUES (1)") }
            }
            #expect(error?.code == SQLiteError.misuse)
            #expect(try pool.read { db in try db.cachedStatement(Self.count).scalarInt() } == 0)
            // The writer is usable again.
            try pool.write { db in try db.execute("INSERT INTO t (n) VALUES (2)") }
        }
    }

    @Test func closedPool_Throws() throws {
        try withPool { pool in
            pool.close()
            pool.close()
            #expect(throws: SQLiteError.self) { try pool.read { _ in 1 } }
            #expect(throws: SQLiteError.self) { try pool.write { _ in 1 } }
        }
    }
}
