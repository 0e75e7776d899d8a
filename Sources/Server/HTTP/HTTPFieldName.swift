/// A field name, spelled once here for every field the server reads or writes.
///
/// The spelling is what the server sends; lookups in ``HTTPFields`` stay ASCII case-insensitive.
public struct HTTPFieldName: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as sent.
    public let rawValue: String

    /// A name; it must be a token (RFC 9110 §5.1) to be sent.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let accept: HTTPFieldName = "Accept"
    public static let acceptEncoding: HTTPFieldName = "Accept-Encoding"
    public static let acceptPatch: HTTPFieldName = "Accept-Patch"
    public static let acceptPost: HTTPFieldName = "Accept-Post"
    public static let accessControlAllowHeaders: HTTPFieldName = "Access-Control-Allow-Headers"
    public static let accessControlAllowMethods: HTTPFieldName = "Access-Control-Allow-Methods"
    public static let accessControlAllowOrigin: HTTPFieldName = "Access-Control-Allow-Origin"
    public static let accessControlExposeHeaders: HTTPFieldName = "Access-Control-Expose-Headers"
    public static let accessControlMaxAge: HTTPFieldName = "Access-Control-Max-Age"
    public static let allow: HTTPFieldName = "Allow"
    public static let authorization: HTTPFieldName = "Authorization"
    public static let cacheControl: HTTPFieldName = "Cache-Control"
    public static let connection: HTTPFieldName = "Connection"
    public static let contentDisposition: HTTPFieldName = "Content-Disposition"
    public static let contentEncoding: HTTPFieldName = "Content-Encoding"
    public static let contentLength: HTTPFieldName = "Content-Length"
    public static let contentLocation: HTTPFieldName = "Content-Location"
    public static let contentSecurityPolicy: HTTPFieldName = "Content-Security-Policy"
    public static let contentType: HTTPFieldName = "Content-Type"
    public static let date: HTTPFieldName = "Date"
    public static let etag: HTTPFieldName = "ETag"
    public static let expect: HTTPFieldName = "Expect"
    public static let expires: HTTPFieldName = "Expires"
    public static let host: HTTPFieldName = "Host"
    public static let ifMatch: HTTPFieldName = "If-Match"
    public static let ifModifiedSince: HTTPFieldName = "If-Modified-Since"
    public static let ifNoneMatch: HTTPFieldName = "If-None-Match"
    public static let ifUnmodifiedSince: HTTPFieldName = "If-Unmodified-Since"
    public static let lastModified: HTTPFieldName = "Last-Modified"
    public static let link: HTTPFieldName = "Link"
    public static let location: HTTPFieldName = "Location"
    public static let origin: HTTPFieldName = "Origin"
    public static let referrerPolicy: HTTPFieldName = "Referrer-Policy"
    public static let retryAfter: HTTPFieldName = "Retry-After"
    public static let transferEncoding: HTTPFieldName = "Transfer-Encoding"
    public static let userAgent: HTTPFieldName = "User-Agent"
    public static let vary: HTTPFieldName = "Vary"
    public static let wwwAuthenticate: HTTPFieldName = "WWW-Authenticate"
    public static let xContentTypeOptions: HTTPFieldName = "X-Content-Type-Options"
    /// A write's edit summary; listed here because cross-origin pages may send it (CORS).
    public static let xEditSummary: HTTPFieldName = "X-Edit-Summary"
    public static let xRequestID: HTTPFieldName = "X-Request-Id"
}
