import Glibc

/// The archive file could not be opened (the caller words the error its own way).
public struct UnreadableArchiveFile: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// A file read forwards in chunks, for archives too large to hold: each pass of a streaming import
/// or check opens it again (a ``ScratchFile`` is read from its start again through its descriptor).
final class FileChunks {
    private let descriptor: Int32
    /// Keeps a borrowed descriptor open; nil when this reader opened (and closes) its own.
    private let scratch: ScratchFile?
    private let name: String
    private let chunkSize: Int
    private var offset: off_t = 0

    /// Opens `path` for reading.
    init(path: String, chunkSize: Int = 1 << 20) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw UnreadableArchiveFile(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        scratch = nil
        name = path
        self.chunkSize = chunkSize
    }

    /// Reads `scratch` from its start.
    init(_ scratch: ScratchFile, chunkSize: Int = 1 << 20) {
        descriptor = scratch.descriptor
        self.scratch = scratch
        name = "a temporary file in \(scratch.folder)"
        self.chunkSize = chunkSize
    }

    deinit { if scratch == nil { close(descriptor) } }

    /// The next chunk, or nil at the end of the file.
    func next() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var count = 0
        while count < chunkSize {
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + count, chunkSize - count, offset) }
            if read < 0 {
                if errno == EINTR { continue }
                throw StoreError.notFound("cannot read \(name): \(String(cString: strerror(errno)))")
            }
            if read == 0 { break }
            count += read
            offset += off_t(read)
        }
        guard count > 0 else { return nil }
        chunk.removeLast(chunkSize - count)
        return chunk
    }
}
