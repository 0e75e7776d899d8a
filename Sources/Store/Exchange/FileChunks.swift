import Glibc

/// The archive file could not be opened (the caller words the error its own way).
public struct UnreadableArchiveFile: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// A file read forwards in chunks (`fread`), for archives too large to hold: each pass of a
/// streaming import opens it again.
final class FileChunks {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private let chunkSize: Int

    /// Opens `path` for reading.
    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let file = fopen(path, "rb") else {
            throw UnreadableArchiveFile(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
        self.path = path
        self.chunkSize = chunkSize
    }

    deinit { fclose(file) }

    /// The next chunk, or nil at the end of the file.
    func next() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, file) }
        if count < chunkSize, ferror(file) != 0 {
            throw StoreError.notFound("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard count > 0 else { return nil }
        chunk.removeLast(chunkSize - count)
        return chunk
    }
}
