/// A response status code (RFC 9110 §15): one `Int`, with the reason phrase for the codes the
/// server sends.
public struct HTTPStatus: Sendable, Hashable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The three-digit code.
    public let code: Int

    /// A status by code.
    public init(_ code: Int) { self.code = code }
    public init(integerLiteral code: Int) { self.code = code }

    public static func < (a: HTTPStatus, b: HTTPStatus) -> Bool { a.code < b.code }
    /// The code in decimal.
    public var description: String { String(code) }

    /// The reason phrase, or "Unknown" for an unlisted code.
    public var reasonPhrase: String { HTTPStatus.reasonPhrases[self] ?? "Unknown" }

    /// Whether this status never carries content (1xx, 204, 304; RFC 9110 §6.4.1).
    public var isBodyForbidden: Bool { (100..<200).contains(code) || self == .noContent || self == .notModified }

    public static let `continue`: HTTPStatus = 100
    public static let switchingProtocols: HTTPStatus = 101
    public static let ok: HTTPStatus = 200
    public static let created: HTTPStatus = 201
    public static let accepted: HTTPStatus = 202
    public static let noContent: HTTPStatus = 204
    public static let partialContent: HTTPStatus = 206
    public static let movedPermanently: HTTPStatus = 301
    public static let found: HTTPStatus = 302
    public static let seeOther: HTTPStatus = 303
    public static let notModified: HTTPStatus = 304
    public static let temporaryRedirect: HTTPStatus = 307
    public static let permanentRedirect: HTTPStatus = 308
    public static let badRequest: HTTPStatus = 400
    public static let unauthorized: HTTPStatus = 401
    public static let forbidden: HTTPStatus = 403
    public static let notFound: HTTPStatus = 404
    public static let methodNotAllowed: HTTPStatus = 405
    public static let notAcceptable: HTTPStatus = 406
    public static let requestTimeout: HTTPStatus = 408
    public static let conflict: HTTPStatus = 409
    public static let gone: HTTPStatus = 410
    public static let lengthRequired: HTTPStatus = 411
    public static let preconditionFailed: HTTPStatus = 412
    public static let contentTooLarge: HTTPStatus = 413
    public static let uriTooLong: HTTPStatus = 414
    public static let unsupportedMediaType: HTTPStatus = 415
    public static let rangeNotSatisfiable: HTTPStatus = 416
    public static let expectationFailed: HTTPStatus = 417
    public static let unprocessableContent: HTTPStatus = 422
    public static let preconditionRequired: HTTPStatus = 428
    public static let tooManyRequests: HTTPStatus = 429
    public static let requestHeaderFieldsTooLarge: HTTPStatus = 431
    public static let internalServerError: HTTPStatus = 500
    public static let notImplemented: HTTPStatus = 501
    public static let badGateway: HTTPStatus = 502
    public static let serviceUnavailable: HTTPStatus = 503
    public static let gatewayTimeout: HTTPStatus = 504
    public static let httpVersionNotSupported: HTTPStatus = 505
    public static let insufficientStorage: HTTPStatus = 507

    static let reasonPhrases: [HTTPStatus: String] = [
        .continue: "Continue", .switchingProtocols: "Switching Protocols",
        .ok: "OK", .created: "Created", .accepted: "Accepted", .noContent: "No Content", .partialContent: "Partial Content",
        .movedPermanently: "Moved Permanently", .found: "Found", .seeOther: "See Other", .notModified: "Not Modified",
        .temporaryRedirect: "Temporary Redirect", .permanentRedirect: "Permanent Redirect",
        .badRequest: "Bad Request", .unauthorized: "Unauthorized", .forbidden: "Forbidden", .notFound: "Not Found",
        .methodNotAllowed: "Method Not Allowed", .notAcceptable: "Not Acceptable", .requestTimeout: "Request Timeout",
        .conflict: "Conflict", .gone: "Gone", .lengthRequired: "Length Required", .preconditionFailed: "Precondition Failed",
        .contentTooLarge: "Content Too Large", .uriTooLong: "URI Too Long", .unsupportedMediaType: "Unsupported Media Type",
        .rangeNotSatisfiable: "Range Not Satisfiable", .expectationFailed: "Expectation Failed",
        .unprocessableContent: "Unprocessable Content", .preconditionRequired: "Precondition Required",
        .tooManyRequests: "Too Many Requests", .requestHeaderFieldsTooLarge: "Request Header Fields Too Large",
        .internalServerError: "Internal Server Error", .notImplemented: "Not Implemented", .badGateway: "Bad Gateway",
        .serviceUnavailable: "Service Unavailable", .gatewayTimeout: "Gateway Timeout",
        .httpVersionNotSupported: "HTTP Version Not Supported", .insufficientStorage: "Insufficient Storage",
    ]

    /// Precomputed `HTTP/1.1 <code> <reason>\r\n` lines for 100...599.
    static let statusLines: [[UInt8]] = (0..<600).map { code in
        code < 100 ? [] : Array("HTTP/1.1 \(code) \(HTTPStatus(code).reasonPhrase)\r\n".utf8)
    }

    /// The status line (codes outside 100...599 become 500).
    var statusLine: [UInt8] {
        (100..<600).contains(code) ? HTTPStatus.statusLines[code] : HTTPStatus.statusLines[500]
    }
}
