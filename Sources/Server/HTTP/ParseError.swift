/// Why a request could not be parsed: one case per rule, each with its status code.
///
/// Every parse error ends the connection: the server answers with the status, `Connection:
/// close`, then a lingering close, because after a framing error nobody can tell where the next
/// request would begin (RFC 9112 §11.2, request smuggling).
public enum ParseError: Error, Sendable, Equatable {
    /// The request line is not `method SP target SP version` with single spaces.
    case invalidRequestLine
    /// The method contains a byte that is not a tchar.
    case invalidMethod
    /// A well-formed method this server does not implement (CONNECT, TRACE, lowercase `get`, …).
    case unsupportedMethod
    /// The target is not origin-, absolute- or asterisk-form, or holds a forbidden byte.
    case invalidTarget
    /// The request line exceeds ``HTTPLimits/maxRequestLine``.
    case requestLineTooLong
    /// The version is not `HTTP/DIGIT.DIGIT`.
    case invalidVersion
    /// A major version other than 1.
    case unsupportedVersion
    /// A line ends with LF alone, or a CR is not followed by LF.
    case invalidLineEnding
    /// A field line exceeds ``HTTPLimits/maxFieldLine``.
    case fieldLineTooLong
    /// The header section exceeds ``HTTPLimits/maxHeaderSize``.
    case headerTooLarge
    /// More than ``HTTPLimits/maxFieldCount`` field lines.
    case tooManyFields
    /// A field name is empty or holds a non-tchar byte.
    case invalidFieldName
    /// Whitespace between a field name and the colon (RFC 9112 §5.1).
    case whitespaceBeforeColon
    /// A line starting with SP or HTAB (obs-fold, RFC 9112 §5.2).
    case obsoleteLineFolding
    /// A field value holds NUL, CR, LF, DEL or another control byte.
    case invalidFieldValue
    /// An HTTP/1.1 request without Host.
    case missingHost
    /// More than one Host field line.
    case duplicateHost
    /// A Host value that is not `uri-host [":" port]`.
    case invalidHost
    /// Content-Length is not 1*DIGIT, or overflows.
    case invalidContentLength
    /// Several Content-Length values that differ.
    case conflictingContentLength
    /// Transfer-Encoding and Content-Length together.
    case contentLengthWithTransferEncoding
    /// A transfer coding other than chunked (gzip, …).
    case unsupportedTransferCoding
    /// Transfer-Encoding whose final coding is not chunked, or chunked applied twice.
    case chunkedNotLast
    /// The body (declared or decoded) exceeds ``HTTPLimits/maxBodySize``.
    case bodyTooLarge
    /// A chunk size that is not hexadecimal, or overflows.
    case invalidChunkSize
    /// A chunk-size line (with extensions) longer than ``HTTPLimits/maxChunkLine``.
    case chunkLineTooLong
    /// Chunk data not followed by CRLF.
    case invalidChunkTerminator
    /// The trailer section exceeds ``HTTPLimits/maxTrailerSize``.
    case trailerTooLarge
    /// An Expect value other than `100-continue`.
    case expectationFailed

    /// The status code to answer with.
    public var status: HTTPStatus {
        switch self {
        case .unsupportedMethod, .unsupportedTransferCoding: return .notImplemented
        case .requestLineTooLong: return .uriTooLong
        case .unsupportedVersion: return .httpVersionNotSupported
        case .fieldLineTooLong, .headerTooLarge, .tooManyFields, .trailerTooLarge: return .requestHeaderFieldsTooLarge
        case .bodyTooLarge: return .contentTooLarge
        case .expectationFailed: return .expectationFailed
        default: return .badRequest
        }
    }

    /// A sentence for the problem's `detail`.
    public var detail: String {
        switch self {
        case .invalidRequestLine: return "The request line is malformed."
        case .invalidMethod: return "The method is not a valid token."
        case .unsupportedMethod: return "The method is not implemented by this server."
        case .invalidTarget: return "The request target is malformed."
        case .requestLineTooLong: return "The request line is too long."
        case .invalidVersion: return "The HTTP version is malformed."
        case .unsupportedVersion: return "Only HTTP/1.x is supported."
        case .invalidLineEnding: return "Lines must end with CRLF."
        case .fieldLineTooLong: return "A header field line is too long."
        case .headerTooLarge: return "The header section is too large."
        case .tooManyFields: return "There are too many header fields."
        case .invalidFieldName: return "A header field name is invalid."
        case .whitespaceBeforeColon: return "Whitespace between a header field name and the colon is not allowed."
        case .obsoleteLineFolding: return "Obsolete line folding is not allowed."
        case .invalidFieldValue: return "A header field value contains a forbidden character."
        case .missingHost: return "An HTTP/1.1 request needs a Host header field."
        case .duplicateHost: return "The Host header field appears more than once."
        case .invalidHost: return "The Host header field is invalid."
        case .invalidContentLength: return "Content-Length must be a decimal number."
        case .conflictingContentLength: return "Content-Length values disagree."
        case .contentLengthWithTransferEncoding: return "Transfer-Encoding and Content-Length cannot both be sent."
        case .unsupportedTransferCoding: return "Only the chunked transfer coding is supported."
        case .chunkedNotLast: return "The final transfer coding must be chunked."
        case .bodyTooLarge: return "The request body is too large."
        case .invalidChunkSize: return "A chunk size is invalid."
        case .chunkLineTooLong: return "A chunk-size line is too long."
        case .invalidChunkTerminator: return "Chunk data must end with CRLF."
        case .trailerTooLarge: return "The trailer section is too large."
        case .expectationFailed: return "Only the 100-continue expectation is supported."
        }
    }
}
