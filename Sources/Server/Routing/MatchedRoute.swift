import Synchronization

/// What the router found for a request, for the middleware that runs after it: the pattern
/// that matched (a bounded label for metrics) and the methods the path takes (for `Allow` and
/// CORS preflights). Shared by reference, so a value set deep in the chain is seen outside.
public final class MatchedRoute: Sendable {
    private struct State {
        var pattern: String?
        var methods: [HTTPMethod] = []
    }

    private let state = Mutex(State())

    /// Nothing matched yet.
    public init() {}

    /// The route pattern (`/v1/:collection/:id`, `*` for `OPTIONS *`), nil when none matched.
    public var pattern: String? {
        get { state.withLock { $0.pattern } }
        set { state.withLock { $0.pattern = newValue } }
    }

    /// The methods the matched path takes, in `Allow` order (HEAD and OPTIONS included).
    public var methods: [HTTPMethod] {
        get { state.withLock { $0.methods } }
        set { state.withLock { $0.methods = newValue } }
    }
}
