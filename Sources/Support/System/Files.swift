import FoundationEssentials

/// Reading files, asking about paths and the environment, through FoundationEssentials.
public enum Files {
    /// An error reading a file: what failed, the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The whole file at `path` (`-`: standard input).
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let url = URL(fileURLWithPath: path == "-" ? "/dev/stdin" : path)
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw Failure(description: "cannot read \(path): \(reason(error))")
        }
    }

    /// Whether anything exists at `path`.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// The size in bytes of the regular file at `path`, nil when there is none.
    public static func size(_ path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        // FoundationEssentials on Linux gives the size as a UInt (Darwin's Foundation as an NSNumber).
        switch attributes[.size] {
        case let size as Int: return size
        case let size as UInt: return Int(size)
        case let size as UInt64: return Int(size)
        default: return nil
        }
    }

    /// The process's environment variables.
    public static func environment() -> [String: String] {
        ProcessInfo.processInfo.environment
    }

    private static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
            return String(describing: underlying.code)
        }
        return String(describing: error)
    }
}

extension Files {
    /// The permission bits of `path` (`0o600`…), nil when it cannot be read.
    public static func permissions(_ path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.posixPermissions] as? Int) ?? (attributes[.posixPermissions] as? UInt16).map { Int($0) }
    }
}
