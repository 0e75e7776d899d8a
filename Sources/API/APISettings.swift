import Server
import Store

/// The API's own settings, from the command line.
public struct APISettings: Sendable {
    /// `Cache-Control` of successful GETs.
    public var cacheControl = "public, max-age=60"
    /// Origins allowed to write from browsers (CORS); GET and HEAD answer any origin.
    public var corsOrigins: [String] = []
    /// The server's version, served by `GET /v1`.
    public var version = "0.1.0"
    /// Refuse every write.
    public var readOnly = false
    /// The curators' bearer token; writes are refused (403) when there is none.
    public var adminToken: String?
    /// Writes without `If-Match` get 428.
    public var requireIfMatch = false

    public init() {}
}
