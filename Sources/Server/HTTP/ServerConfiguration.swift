import Support

/// How the server listens, how much it accepts, and how it logs.
public struct ServerConfiguration: Sendable {
    /// The access-log format.
    public enum LogFormat: String, Sendable, CaseIterable {
        /// `time id client "METHOD target" status bytes durationms`.
        case text
        /// One JSON object per line.
        case json
        /// No access log.
        case none
    }

    /// An IPv4 or IPv6 literal, or `localhost` (127.0.0.1).
    public var host: String
    /// The port; 0 picks a free one (``HTTPServer/start()`` returns it).
    public var port: Int
    /// At this many open connections, the oldest idle one is closed for a new one; with none
    /// idle, the new one gets a 503 and is closed.
    public var maxConnections: Int
    /// Open connections one client address (an IPv6 /64) may hold; one more gets a 503 and is closed.
    public var maxConnectionsPerClient: Int
    /// Threads running handlers (the bounded pool).
    public var workerCount: Int
    /// Size limits and timeouts.
    public var limits: HTTPLimits
    /// The access-log format.
    public var logFormat: LogFormat

    /// max(4, 2 × online cores): handlers may block on the database, so more than one per core.
    public static var defaultWorkerCount: Int { max(4, 2 * SystemClock.coreCount) }

    /// min(total, max(16, total / 8)): 128 of the default 1024, room for about 20 browsers
    /// (6 connections each) behind one NAT address, while 8 addresses are needed to fill the server.
    public static func defaultMaxConnectionsPerClient(maxConnections: Int) -> Int {
        min(maxConnections, max(16, maxConnections / 8))
    }

    /// Defaults: 127.0.0.1:8080, 1024 connections (128 per client), max(4, 2 × cores) workers, text log.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxConnections: Int = 1024,
                maxConnectionsPerClient: Int? = nil, workerCount: Int? = nil,
                limits: HTTPLimits = HTTPLimits(), logFormat: LogFormat = .text) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
            ?? ServerConfiguration.defaultMaxConnectionsPerClient(maxConnections: maxConnections)
        self.workerCount = workerCount ?? ServerConfiguration.defaultWorkerCount
        self.limits = limits
        self.logFormat = logFormat
    }
}
