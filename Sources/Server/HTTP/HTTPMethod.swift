/// The request methods this server implements (RFC 9110 §9); method names are case-sensitive.
///
/// Any other well-formed method, CONNECT and TRACE included, is answered 501 Not Implemented.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS

    /// Recognises a method from the raw bytes of the request line without building a String.
    init?(bytes: ArraySlice<UInt8>) {
        switch bytes.count {
        case 3:
            if bytes.elementsEqual("GET".utf8) { self = .GET; return }
            if bytes.elementsEqual("PUT".utf8) { self = .PUT; return }
        case 4:
            if bytes.elementsEqual("HEAD".utf8) { self = .HEAD; return }
            if bytes.elementsEqual("POST".utf8) { self = .POST; return }
        case 5 where bytes.elementsEqual("PATCH".utf8): self = .PATCH; return
        case 6 where bytes.elementsEqual("DELETE".utf8): self = .DELETE; return
        case 7 where bytes.elementsEqual("OPTIONS".utf8): self = .OPTIONS; return
        default: break
        }
        return nil
    }
}

/// An HTTP version, `HTTP/major.minor`.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major version (always 1 for requests this server accepts).
    public var major: Int
    /// The minor version (0 or 1; `HTTP/1.2` and above are handled as 1.1).
    public var minor: Int

    /// Makes a version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }
}
