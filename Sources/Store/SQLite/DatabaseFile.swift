#if canImport(Glibc)
import Glibc
#endif

/// What is at a database path before SQLite opens it, and the file calls around opening (SQLite's
/// own "unable to open database file" does not say which of these went wrong).
enum DatabaseFile {
    /// What `inspect` found at a path.
    enum Found: Equatable {
        /// Nothing; `folderExists` tells whether the folder that would hold it is there.
        case nothing(folderExists: Bool)
        case directory
        case notRegularFile
        case unreadable(reason: String)
        case empty
        case notSQLite
        case sqlite(SQLiteFile)
    }

    /// An SQLite file and what may be done with it here.
    struct SQLiteFile: Equatable {
        /// This process may write the file.
        var fileWritable: Bool
        /// This process may create files in its folder (SQLite's `-wal`, `-shm`, `-journal`).
        var folderWritable: Bool
        /// A `-wal` beside it holds frames (committed changes possibly not yet in the file).
        var logHasContent: Bool
        /// A `-shm` (the log's index) is beside it.
        var hasSharedMemoryFile: Bool
        /// A non-empty `-journal` beside it: a rollback that a reader would have to play back.
        var hasHotJournal: Bool
    }

    /// The 16 bytes every SQLite 3 database starts with (<https://www.sqlite.org/fileformat.html>).
    static let header: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Looks at `path` without creating or changing anything.
    static func inspect(_ path: String) -> Found {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .nothing(folderExists: isDirectory(folder(of: path)))
            default: return .unreadable(reason: errorText())
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: break
        default: return .notRegularFile
        }
        guard info.st_size > 0 else { return .empty }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable(reason: errorText()) }
        defer { close(fd) }
        var start = [UInt8](repeating: 0, count: header.count)
        let count = start.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else { return .unreadable(reason: errorText()) }
        guard count == header.count, start == header else { return .notSQLite }
        return .sqlite(SQLiteFile(
            fileWritable: access(path, W_OK) == 0,
            folderWritable: access(folder(of: path), W_OK) == 0,
            logHasContent: size(of: path + "-wal").map { $0 > 0 } ?? false,
            hasSharedMemoryFile: size(of: path + "-shm") != nil,
            hasHotJournal: size(of: path + "-journal").map { $0 > 0 } ?? false))
    }

    /// Creates `path` as an empty file, failing if anything is there already (so a database this
    /// process creates, and may remove again, is never someone else's file). Errors name `shown`
    /// (the database a staging file in the same folder is made for), or `path`.
    static func createEmpty(_ path: String, shownAs shown: String? = nil) throws(DatabaseOpenError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            let folder = folder(of: path)
            let name = shown ?? path
            switch code {
            case ENOENT, ENOTDIR: throw .missingFolder(path: name, folder: folder)
            case EACCES, EPERM, EROFS: throw .cannotCreate(path: name, folder: folder, reason: errorText(code))
            case EISDIR: throw .directory(path: name)
            default: throw .unreadable(path: name, reason: errorText(code))
            }
        }
        close(fd)
    }

    /// Gives the finished file `staging` the name `path` (in the same folder) in one step, never
    /// replacing a file there: false, and nothing changed, when `path` exists by now. A hard link
    /// (then `staging` is still to be removed); a rename where the file system has none.
    static func place(_ staging: String, at path: String) throws(DatabaseOpenError) -> Bool {
        if link(staging, path) == 0 { return true }
        if errno == EEXIST { return false }
        guard rename(staging, path) == 0 else {
            throw .cannotCreate(path: path, folder: folder(of: path), reason: errorText())
        }
        return true
    }

    /// Writes the file's data to the disk (a bulk load that did not sync, before it takes its name).
    static func sync(_ path: String) throws(DatabaseOpenError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: errorText()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .cannotCreate(path: path, folder: folder(of: path), reason: errorText()) }
    }

    /// Removes a database this process created and its companions, as if it had never been.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// The folder that holds `path` ("." for a bare file name).
    static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    private static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
