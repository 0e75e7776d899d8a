import Support

#if canImport(Glibc)
import Glibc
#endif

/// The file calls of replication: a snapshot read out in pieces on the primary, written in
/// pieces on a replica (durably, then renamed into place), and removed.
public enum SnapshotFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Calls `sink` with the file's bytes, 256 KiB at a time.
    public static func read(_ path: String, to sink: ([UInt8]) throws -> Void) throws {
        let chunks = try FileChunks(path: path, chunkSize: 256 << 10)
        while let chunk = try chunks.next() { try sink(chunk) }
    }

    /// The size of the file at `path`, if there is one.
    public static func size(_ path: String) -> Int? { Files.size(path) }

    /// A file being written: created new (never over another), appended to, synced and renamed.
    public final class Writer {
        public let path: String
        private var fd: Int32

        /// Creates `path`, which must not exist.
        public init(creating path: String) throws {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw SnapshotFile.failure("cannot create", path) }
        }

        public func write(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SnapshotFile.failure("cannot write", path)
                }
                offset += written
            }
        }

        /// Syncs and closes the file.
        public func finish() throws {
            guard fsync(fd) == 0 else { throw SnapshotFile.failure("cannot sync", path) }
            close(fd)
            fd = -1
        }

        deinit { if fd >= 0 { close(fd) } }
    }

    /// Renames `from` to `to` (replacing nothing: `to` must be free), then syncs nothing else:
    /// the caller opens the database at `to` next.
    public static func move(_ from: String, to: String) throws {
        guard access(to, F_OK) != 0 else { throw Failure(description: "\(to) already exists") }
        guard rename(from, to) == 0 else { throw failure("cannot rename \(from) to", to) }
    }

    /// Removes a snapshot and the companions SQLite may have left beside it.
    public static func remove(_ path: String) { DatabaseFile.remove(path) }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
