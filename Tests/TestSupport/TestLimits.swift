import Server

extension HTTPLimits {
    /// The tests' limits: the defaults with deadlines short enough for tests to reach them
    /// (live servers and the connection state machine over a manual clock alike).
    public static var testing: HTTPLimits {
        var limits = HTTPLimits()
        limits.firstByteTimeout = 100
        limits.headerTimeout = 300
        limits.bodyProgressTimeout = 300
        limits.idleTimeout = 1000
        limits.sendTimeout = 500
        limits.lingerTimeout = 200
        limits.drainTimeout = 1000
        return limits
    }
}
