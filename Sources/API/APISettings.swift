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
    /// The curators and their bearer tokens; writes are refused (403) when there is none.
    public var curators: [(name: String, token: String)] = []
    /// The token replicas present to `/v1/replication/…` (and a replica to its primary); nil: off.
    public var replicationToken: String?
    /// The primary this server follows as a read-only replica (`serve --follow`), or nil.
    public var primaryURL: String?
    /// How far behind its primary a replica may fall before `/readyz` says not ready.
    public var maxLag = Duration.seconds(10)
    /// Why writes are refused whatever the token (read-only, a replica), or nil.
    public var writeRefusal: String? {
        if let primaryURL {
            return "This server is a read-only replica of \(primaryURL): send writes to the primary, \(primaryURL)."
        }
        return readOnly ? "The archive is read-only: this server was started with --read-only." : nil
    }
    /// Writes without `If-Match` get 428.
    public var requireIfMatch = false
    /// The response cache's size in bytes; 0 turns it off.
    public var cacheBytes = 64 << 20

    public init() {}
}
