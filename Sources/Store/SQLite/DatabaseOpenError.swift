/// Why a database path cannot be opened in the mode asked for, found before SQLite is given it:
/// one sentence naming the path and what is wrong with it.
public enum DatabaseOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing is at the path, and the mode does not create a database.
    case missing(path: String)
    /// Nothing is at the path, and the folder that should hold it does not exist (or is a file).
    case missingFolder(path: String, folder: String)
    /// Nothing is at the path, and its folder cannot be written (permissions or read-only media).
    case cannotCreate(path: String, folder: String, reason: String)
    /// The path is a directory.
    case directory(path: String)
    /// The path is a device, a socket, a FIFO: not a regular file.
    case notRegularFile(path: String)
    /// The file is empty (0 bytes): not a database, and not silently made into one.
    case emptyFile(path: String)
    /// The file does not start with SQLite's header.
    case notSQLite(path: String)
    /// The file (or a folder on the way to it) cannot be read.
    case unreadable(path: String, reason: String)
    /// The database cannot be written where it is: the file itself is read-only.
    case readOnlyFile(path: String)
    /// The database cannot be written where it is: SQLite keeps its `-wal` and `-shm` beside it.
    case readOnlyFolder(path: String, folder: String)
    /// A read-only folder holds the database and a write-ahead log with changes not yet in the file,
    /// but no `-shm` index to read that log through.
    case unreadableLog(path: String)
    /// An SQLite database without the archive's tables, opened read-only (nothing can create them).
    case noArchiveSchema(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no database at \(path)"
        case .missingFolder(let path, let folder):
            "cannot create the database \(path): the folder \(folder) does not exist"
        case .cannotCreate(let path, let folder, let reason):
            "cannot create the database \(path): the folder \(folder) is not writable (\(reason))"
        case .directory(let path):
            "\(path) is a directory, not a database file"
        case .notRegularFile(let path):
            "\(path) is not a regular file, not a database file"
        case .emptyFile(let path):
            "\(path) is an empty file (0 bytes), not an SQLite database; remove it to let serve or import create one there"
        case .notSQLite(let path):
            "\(path) is not an SQLite database (it does not start with the SQLite header)"
        case .unreadable(let path, let reason):
            "cannot read the database \(path): \(reason)"
        case .readOnlyFile(let path):
            "cannot write the database \(path): the file is read-only (serve --read-only can serve it)"
        case .readOnlyFolder(let path, let folder):
            "cannot write the database \(path): its folder \(folder) is read-only and SQLite keeps its -wal file there (serve --read-only can serve it)"
        case .unreadableLog(let path):
            "cannot read the database \(path) in a read-only folder: its write-ahead log \(path)-wal holds changes not yet in the file; open it once where it can be written to fold them in"
        case .noArchiveSchema(let path):
            "\(path) is an SQLite database without the archive's tables"
        }
    }
}
