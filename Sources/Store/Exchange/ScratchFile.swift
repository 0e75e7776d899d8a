#if canImport(Glibc)
import Glibc
#endif
import Support

/// A temporary file that no path names: made in a folder and unlinked at once, so it is gone when
/// it is closed or the process ends, however it ends (an error, a signal, a kill). Written once
/// from the start, then read in as many passes as needed (see ``FileChunks``).
public final class ScratchFile: @unchecked Sendable {  // the descriptor is only written before it is shared
    /// The file could not be made or written: says where, why, and that `TMPDIR` picks the folder.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// `TMPDIR` when it is set, else `/tmp`.
    public static var defaultFolder: String {
        guard let value = Files.environment()["TMPDIR"], !value.isEmpty else { return "/tmp" }
        return value
    }

    let descriptor: Int32
    let folder: String
    /// The bytes appended so far.
    private(set) var size = 0
    private let purpose: String

    /// Makes the file in `folder`; `purpose` says in an error what it was for.
    init(in folder: String, for purpose: String) throws(Failure) {
        self.folder = folder
        self.purpose = purpose
        var template = Array(((folder.hasSuffix("/") ? folder : folder + "/") + ".archive-server-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.failure("cannot create", purpose, in: folder, errno) }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends `bytes` at the end.
    func append(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure("cannot write", purpose, in: folder, errno, after: size + offset)
            }
            offset += written
        }
        size += bytes.count
    }

    private static func failure(_ what: String, _ purpose: String, in folder: String, _ code: Int32, after written: Int? = nil) -> Failure {
        let progress = written.map { " after \($0 >> 20) MiB" } ?? ""
        return Failure(description: "\(what) \(purpose) in \(folder): \(String(cString: strerror(code)))\(progress) "
            + "(set TMPDIR to a folder that can take it)")
    }
}
