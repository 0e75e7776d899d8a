import Dispatch
import Synchronization

/// One writer connection and N read-only reader connections on one database file in WAL mode
/// (or, for read-only media, readers only, on the file in whatever journal mode it has).
///
/// `write {}` runs on the single writer, one call at a time. `read {}` checks out a free reader
/// (blocking while all are busy: a semaphore bounds them), runs the body in a deferred transaction
/// so that it sees one consistent snapshot, then checks the reader back in. Readers run in parallel
/// with each other and with the writer: WAL readers never wait for the writer
/// (<https://www.sqlite.org/wal.html#concurrency>). Only values escape `read {}`/`write {}`.
///
/// Calls block the calling thread; from async code, call them off the cooperative pool.
/// Neither `read {}` nor `write {}` may be nested in itself (debug and release both trap).
final class DatabasePool: @unchecked Sendable {
    // @unchecked Sendable: all stored properties are `let`. Each Connection (not Sendable) is only
    // touched inside `sync` on its own serial queue, and a reader is handed to one caller at a time
    // through `freeReaders` (a Mutex) and `readerSlots` (a semaphore), so no connection is ever
    // used by two threads at once. The other properties are Sendable (Mutex, Atomic, Dispatch).

    /// The database file.
    let path: String
    /// Whether the pool can write.
    let access: Access
    /// The one connection that writes; nil in a read-only pool.
    private let writer: Connection?
    private let writerQueue = DispatchQueue(label: "archive.sqlite.writer")
    private let readers: [Connection]
    private let readerQueues: [DispatchQueue]
    /// Indexes into `readers` of the readers nobody holds.
    private let freeReaders: Mutex<[Int]>
    /// Counts free readers: `read {}` waits here instead of spinning on the mutex.
    private let readerSlots: DispatchSemaphore
    private let closed = Atomic<Bool>(false)
    private let waitingForReader = Atomic<Int>(0)
    /// Set on the writer queue, to trap a nested `write {}` (which would deadlock).
    private let writerKey = DispatchSpecificKey<Bool>()
    /// Set on every reader queue, to trap a nested `read {}` (which could wait forever).
    private let readerKey = DispatchSpecificKey<Bool>()

    /// Whether the pool has a writer, and how its readers open the file.
    enum Access: Sendable, Equatable {
        /// One writer (creating the file if missing, switching it to WAL) and read-only readers.
        case readWrite
        /// Readers only, with `query_only`, and no change to the file's journal mode; `immutable`
        /// opens them with `immutable=1` (see ``Connection/Mode/immutable`` for when that is safe).
        case readOnly(immutable: Bool)
    }

    /// Opens the writer (creating the file, switching it to WAL) unless `access` is read-only,
    /// then `readerCount` readers, each reading up to `readerMmapBytes` of the file through a
    /// memory map (`PRAGMA mmap_size`, <https://www.sqlite.org/mmap.html>; SQLite caps it at its
    /// compile-time maximum) instead of a `pread` per page, advised for random access so that a page
    /// not in the OS cache reads that page, not the disk's read-ahead window around it
    /// (``Connection/init(path:mode:mmapBytes:)``). The writer never maps the file.
    init(path: String, readerCount: Int = 4, access: Access = .readWrite, readerMmapBytes: Int = 0) throws(SQLiteError) {
        precondition(readerCount >= 1, "a pool needs at least one reader")
        self.path = path
        self.access = access
        let readerMode: Connection.Mode
        switch access {
        case .readWrite:
            let writer = try Connection(path: path, mode: .readWrite)
            guard try writer.prepare("PRAGMA journal_mode").scalarText()?.lowercased() == "wal" else {
                throw SQLiteError(code: SQLiteError.cantOpen, message: "DatabasePool needs a database file in WAL mode: \(path)")
            }
            writer.confinementQueue = writerQueue
            self.writer = writer
            readerMode = .readOnly
        case .readOnly(let immutable):
            writer = nil
            readerMode = immutable ? .immutable : .readOnly
        }
        writerQueue.setSpecific(key: writerKey, value: true)
        var readers: [Connection] = []
        var readerQueues: [DispatchQueue] = []
        for index in 0..<readerCount {
            let reader = try Connection(path: path, mode: readerMode, mmapBytes: readerMmapBytes)
            let queue = DispatchQueue(label: "archive.sqlite.reader.\(index)")
            queue.setSpecific(key: readerKey, value: true)
            reader.confinementQueue = queue
            readers.append(reader)
            readerQueues.append(queue)
        }
        self.readers = readers
        self.readerQueues = readerQueues
        freeReaders = Mutex(Array(0..<readerCount))
        readerSlots = DispatchSemaphore(value: readerCount)
    }

    deinit {
        close()
    }

    /// The number of reader connections.
    var readerCount: Int { readers.count }

    /// How many `read {}` calls are waiting for a free reader (for tests to wait on).
    var callersWaitingForReader: Int { waitingForReader.load(ordering: .relaxed) }

    /// Whether `write {}` throws because the pool has no writer.
    var isReadOnly: Bool { writer == nil }

    /// Runs `body` on a free reader, inside one read transaction, and returns its value.
    ///
    /// Writes fail with `SQLITE_READONLY`. Throws if the pool is closed.
    func read<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        try withReader { reader in try reader.readTransaction { try body(reader) } }
    }

    /// Runs `body`, which must run one statement, on a free reader without `BEGIN`/`COMMIT`
    /// around it: SQLite runs a lone statement in its own read transaction, so it sees one
    /// snapshot all the same (<https://www.sqlite.org/lang_transaction.html>), for a third of
    /// the steps (the by-id reads, the hottest path when the response cache cannot help).
    func readOneStatement<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        try withReader { reader in try body(reader) }
    }

    /// Writes a consistent, compacted copy of the database to `destination` (`VACUUM INTO`, which
    /// must run outside a transaction) from a reader, so a read-only pool can back up too.
    /// `query_only` is lifted for that one statement: the reader is opened read-only, so the
    /// database itself still cannot change.
    func vacuum(into destination: String) throws {
        try withReader { reader in
            try reader.execute("PRAGMA query_only = 0")
            defer { try? reader.execute("PRAGMA query_only = 1") }
            try reader.prepare("VACUUM INTO ?").run([.text(destination)])
        }
    }

    /// Checks out a free reader, runs `body` on its queue and checks the reader back in.
    private func withReader<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        precondition(DispatchQueue.getSpecific(key: readerKey) == nil, "read {} cannot be nested in read {}")
        waitingForReader.add(1, ordering: .relaxed)
        readerSlots.wait()
        waitingForReader.subtract(1, ordering: .relaxed)
        if closed.load(ordering: .acquiring) {
            readerSlots.signal()
            throw Self.closedError
        }
        let index = freeReaders.withLock { $0.removeLast() }
        defer {
            freeReaders.withLock { $0.append(index) }
            readerSlots.signal()
        }
        let reader = readers[index]
        return try readerQueues[index].sync {
            defer { assertNoBusyStatement(reader) }
            return try body(reader)
        }
    }

    /// Runs `body` on the writer, after any other `write {}` in progress, and returns its value.
    ///
    /// `body` runs in autocommit mode: use ``Connection/transaction(_:)`` inside it to group writes.
    /// A transaction `body` leaves open is rolled back and reported as a misuse error.
    /// Throws `SQLITE_READONLY` at once in a read-only pool.
    func write<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        precondition(DispatchQueue.getSpecific(key: writerKey) == nil, "write {} cannot be nested in write {}")
        guard let writer = self.writer else {
            throw SQLiteError(code: SQLiteError.readOnly, message: "the database \(path) is open read-only")
        }
        return try writerQueue.sync {
            if closed.load(ordering: .acquiring) { throw Self.closedError }
            defer { assertNoBusyStatement(writer) }
            let result: T
            do {
                result = try body(writer)
            } catch {
                writer.rollbackIgnoringErrors()
                throw error
            }
            if writer.isInTransaction {
                writer.rollbackIgnoringErrors()
                throw SQLiteError(code: SQLiteError.misuse, message: "write {} left a transaction open: rolled back")
            }
            return result
        }
    }

    /// Waits for reads and writes in progress, then closes every connection; later calls do nothing.
    /// `read {}` and `write {}` throw once the pool is closed.
    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        precondition(
            DispatchQueue.getSpecific(key: readerKey) == nil && DispatchQueue.getSpecific(key: writerKey) == nil,
            "close() cannot be called inside read {} or write {}")
        for _ in readers { readerSlots.wait() }
        for (reader, queue) in zip(readers, readerQueues) {
            queue.sync { reader.close() }
        }
        // Wake any read {} still waiting for a slot: it will see `closed` and throw.
        for _ in readers { readerSlots.signal() }
        if let writer = self.writer { writerQueue.sync { writer.close() } }
    }

    private static let closedError = SQLiteError(code: SQLiteError.misuse, message: "the database pool is closed")

    /// Debug builds trap when a body leaves a statement stepping (a Statement that escaped mid-loop).
    private func assertNoBusyStatement(_ connection: Connection) {
        assert(!connection.hasBusyStatements(), "statement left busy: \(connection.busyStatementSQL())")
    }
}
