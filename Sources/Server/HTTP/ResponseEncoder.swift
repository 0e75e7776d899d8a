/// Serializes response heads (and small bodies) into bytes; one per thread, it caches `Date`.
///
/// Rules (RFC 9110 §6.4.1, RFC 9112 §6): `Content-Length` for empty and byte bodies, chunked for
/// streams (close-delimited for HTTP/1.0), no body and no length on 1xx/204/304, no body on HEAD
/// (headers kept), `Connection: close` when closing. Framing fields a handler set are replaced.
struct ResponseEncoder {
    /// How the body that follows the head is delimited.
    enum Framing: Equatable {
        /// Nothing follows the head.
        case none
        /// `count` body bytes follow, already appended after the head when `inline`.
        case fixed(count: Int, inline: Bool)
        /// Chunked transfer coding.
        case chunked
        /// The body ends when the connection closes (HTTP/1.0 streams).
        case untilClose
    }

    /// Bodies up to this size are copied after the head so both leave in one send.
    static let inlineBodyLimit = 16 * 1024

    private var date = HTTPDateCache()

    /// Appends the head (and a small body) to `out`; returns the framing and the final keep-alive.
    mutating func encode(_ response: HTTPResponse, isHEAD: Bool, version: HTTPVersion, requestID: String,
                         keepAlive: Bool, into out: inout [UInt8]) -> (framing: Framing, keepAlive: Bool) {
        var keepAlive = keepAlive
        out.append(contentsOf: response.status.statusLine)
        for field in response.headers where !ResponseEncoder.isManaged(field.name) {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        out.append(contentsOf: date.fieldLine())
        out.append(contentsOf: Self.requestIDPrefix)
        out.append(contentsOf: requestID.utf8)
        out.append(contentsOf: [0x0D, 0x0A])

        var framing = Framing.none
        if !response.isBodyForbidden {
            switch response.body {
            case .empty:
                out.append(contentsOf: Self.emptyLengthLine)
            case .bytes(let bytes):
                out.append(contentsOf: Self.contentLengthPrefix)
                HTTPDateCache.appendDigits(bytes.count, width: 1, to: &out)
                out.append(contentsOf: [0x0D, 0x0A])
                if !isHEAD && !bytes.isEmpty { framing = .fixed(count: bytes.count, inline: bytes.count <= ResponseEncoder.inlineBodyLimit) }
            case .stream:
                if version.minor >= 1 {
                    out.append(contentsOf: Self.chunkedLine)
                    if !isHEAD { framing = .chunked }
                } else {
                    keepAlive = false
                    if !isHEAD { framing = .untilClose }
                }
            }
        }
        if !keepAlive {
            out.append(contentsOf: Self.closeLine)
        } else if version.minor == 0 {
            out.append(contentsOf: Self.keepAliveLine)
        }
        out.append(contentsOf: [0x0D, 0x0A])
        if case .fixed(_, true) = framing, case .bytes(let bytes) = response.body {
            out.append(contentsOf: bytes)
        }
        return (framing, keepAlive)
    }

    /// Fields the encoder owns: a handler's values for these are dropped.
    static func isManaged(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: return HTTPFields.equalNames(name, HTTPFieldName.date.rawValue)
        case 10: return HTTPFields.equalNames(name, HTTPFieldName.connection.rawValue)
        case 12: return HTTPFields.equalNames(name, HTTPFieldName.xRequestID.rawValue)
        case 14: return HTTPFields.equalNames(name, HTTPFieldName.contentLength.rawValue)
        case 17: return HTTPFields.equalNames(name, HTTPFieldName.transferEncoding.rawValue)
        default: return false
        }
    }

    /// The framing field lines, built once.
    static let requestIDPrefix = line(.xRequestID, "")
    static let contentLengthPrefix = line(.contentLength, "")
    static let emptyLengthLine = line(.contentLength, "0\r\n")
    static let chunkedLine = line(.transferEncoding, "chunked\r\n")
    static let closeLine = line(.connection, "close\r\n")
    static let keepAliveLine = line(.connection, "keep-alive\r\n")

    private static func line(_ name: HTTPFieldName, _ rest: String) -> [UInt8] {
        Array((name.rawValue + ": " + rest).utf8)
    }

    /// The chunk-size line for a chunk of `count` bytes (`1a\r\n`).
    static func chunkHeader(_ count: Int) -> [UInt8] {
        Array(String(count, radix: 16).utf8) + [0x0D, 0x0A]
    }

    /// The last chunk and the end of an empty trailer section.
    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// `HTTP/1.1 100 Continue` and its empty line.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
