/// Per-request facts a handler may need besides the request itself.
public struct RequestContext: Sendable {
    /// The request id (sent back as `X-Request-Id` and written to the access log).
    public var requestID: String
    /// Path parameters captured by `:name` segments, percent-decoded.
    public var parameters: Parameters
    /// When the request was handed to the responder.
    public var startTime: ContinuousClock.Instant
    /// The peer address, `ip:port` or `[ip6]:port`.
    public var clientAddress: String
    /// The route the router matched, filled in by the router.
    public let route: MatchedRoute
    /// Who the request was authenticated as (a curator's name), set by the auth middleware.
    public var principal: String?

    /// Makes a context (tests and the server).
    public init(requestID: String, parameters: Parameters = Parameters(),
                startTime: ContinuousClock.Instant = .now, clientAddress: String = "") {
        self.requestID = requestID
        self.parameters = parameters
        self.startTime = startTime
        self.clientAddress = clientAddress
        self.route = MatchedRoute()
    }
}

/// Path parameters by name, in pattern order.
public struct Parameters: Sendable, Sequence {
    private var storage: [(name: String, value: String)]

    /// Parameters from pairs.
    public init(_ pairs: [(name: String, value: String)] = []) {
        storage = pairs
    }

    /// The value captured for `name`.
    public subscript(name: String) -> String? {
        storage.first { $0.name == name }?.value
    }

    /// The value for `name`, or a 400 problem naming it.
    public func require(_ name: String) throws(Problem) -> String {
        guard let value = self[name] else {
            throw Problem.invalidParameter(name, detail: "The path parameter '\(name)' is missing.")
        }
        return value
    }

    /// The value for `name` converted to `T`, or a 400 problem naming it.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws(Problem) -> T {
        let text = try require(name)
        guard let value = T(text) else {
            throw Problem.invalidParameter(name, detail: "The path parameter '\(name)' is not a valid \(T.self).")
        }
        return value
    }

    /// Iterates `(name, value)` pairs.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { storage.makeIterator() }
}
