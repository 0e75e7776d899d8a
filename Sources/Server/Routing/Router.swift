/// A frozen table of (method, pattern) routes answering 404, 405 with `Allow`, and problems.
///
/// Build it with ``add(_:_:_:)``; as a value it cannot change once handed to the server.
/// Literal segments win over `:parameter` segments (with backtracking); a duplicate route traps.
/// HEAD is served by the GET handler (the writer drops the body). Model: hummingbird `Router`.
public struct Router: HTTPResponder {
    /// A route handler: throw a ``Problem`` to answer with it; any other error is a bare 500.
    public typealias Handler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

    private var root = RouteNode()
    private var methodsInUse: Set<HTTPMethod> = []
    /// When true, `OPTIONS` on any routed path answers 204 with `Allow` (OPTIONS listed too, and
    /// in every 405) instead of needing a handler per path; the API sets it for CORS preflights.
    public var answersOptions = false

    /// An empty router.
    public init() {}

    /// Registers `handler` for `method` on `pattern` (`/v1/:collection/:id`); traps on a duplicate.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        let segments = RouteNode.patternSegments(pattern)
        root.insert(segments[...], method: method,
                    endpoint: RouteNode.Endpoint(pattern: pattern, parameterNames: segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) },
                                                 handler: handler))
        methodsInUse.insert(method)
    }

    /// Routes one request and records what matched on `context.route`; never throws.
    public func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        if request.path == "*" {
            let allow = allowList { methodsInUse.contains($0) }
            context.route.pattern = "*"
            context.route.methods = allow
            return HTTPResponse(status: .noContent, headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
        }
        let segments: [String]
        do { segments = try request.pathSegments() } catch { return error.response() }
        var values: [String] = []
        guard let node = root.match(segments, from: 0, values: &values) else {
            return Problem.notFound(detail: "No resource at this path.").response()
        }
        let allow = allowList { node.endpoints[$0] != nil }
        context.route.methods = allow
        let method = request.method == .HEAD && node.endpoints[.HEAD] == nil ? HTTPMethod.GET : request.method
        guard let endpoint = node.endpoints[method] else {
            context.route.pattern = node.endpoints.values.map(\.pattern).min()
            if request.method == .OPTIONS && answersOptions {
                return HTTPResponse(status: .noContent, headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
            }
            return Problem.methodNotAllowed(allow: allow).response()
        }
        context.route.pattern = endpoint.pattern
        var context = context
        context.parameters = Parameters(Array(zip(endpoint.parameterNames, values)).map { (name: $0.0, value: $0.1) })
        do {
            return try endpoint.handler(request, context)
        } catch let problem as Problem {
            return problem.response()
        } catch {
            ErrorLog.write("unhandled error for \(request.method.rawValue) \(endpoint.pattern) (request \(context.requestID)): \(error)")
            return Problem.internalError.response()
        }
    }

    /// The methods `path` takes, in `Allow` order; nil when no route matches it.
    public func methods(forPath path: String) -> [HTTPMethod]? {
        guard let segments = try? HTTPRequest.pathSegments(of: path) else { return nil }
        var values: [String] = []
        guard let node = root.match(segments, from: 0, values: &values) else { return nil }
        return allowList { node.endpoints[$0] != nil }
    }

    /// Every registered (method, pattern), ordered by pattern then method.
    public var routes: [(method: HTTPMethod, pattern: String)] {
        var found: [(method: HTTPMethod, pattern: String)] = []
        root.collect(into: &found)
        return found.sorted { ($0.pattern, $0.method.rawValue) < ($1.pattern, $1.method.rawValue) }
    }

    /// The methods for `Allow`, in a fixed order, HEAD added where GET exists (and OPTIONS
    /// where the router answers it).
    func allowList(_ routed: (HTTPMethod) -> Bool) -> [HTTPMethod] {
        HTTPMethod.allCases.filter { method in
            routed(method) || (method == .HEAD && routed(.GET)) || (method == .OPTIONS && answersOptions)
        }
    }
}

/// One level of the route tree.
struct RouteNode: Sendable {
    /// A registered handler and the names of its parameters, in order.
    struct Endpoint: Sendable {
        let pattern: String
        let parameterNames: [String]
        let handler: Router.Handler
    }

    var literals: [String: RouteNode] = [:]
    /// Zero or one child for a `:parameter` segment (an array keeps the struct finite).
    var parameter: [RouteNode] = []
    var endpoints: [HTTPMethod: Endpoint] = [:]

    /// `/a/:b/c` → `["a", ":b", "c"]`; `/` → `[]`.
    static func patternSegments(_ pattern: String) -> [String] {
        precondition(pattern.hasPrefix("/"), "route pattern must start with '/': \(pattern)")
        if pattern == "/" { return [] }
        return pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    mutating func insert(_ segments: ArraySlice<String>, method: HTTPMethod, endpoint: Endpoint) {
        guard let first = segments.first else {
            precondition(endpoints[method] == nil, "duplicate route: \(method.rawValue) \(endpoint.pattern)")
            endpoints[method] = endpoint
            return
        }
        if first.hasPrefix(":") {
            if parameter.isEmpty { parameter.append(RouteNode()) }
            parameter[0].insert(segments.dropFirst(), method: method, endpoint: endpoint)
        } else {
            literals[first, default: RouteNode()].insert(segments.dropFirst(), method: method, endpoint: endpoint)
        }
    }

    /// Appends the endpoints of this node and every node below it.
    func collect(into found: inout [(method: HTTPMethod, pattern: String)]) {
        for (method, endpoint) in endpoints { found.append((method, endpoint.pattern)) }
        for child in literals.values { child.collect(into: &found) }
        for child in parameter { child.collect(into: &found) }
    }

    /// The node for `segments`, literal children first, collecting parameter values.
    func match(_ segments: [String], from index: Int, values: inout [String]) -> RouteNode? {
        guard index < segments.count else { return endpoints.isEmpty ? nil : self }
        let segment = segments[index]
        if let child = literals[segment], let found = child.match(segments, from: index + 1, values: &values) {
            return found
        }
        if let child = parameter.first, !segment.isEmpty {
            values.append(segment)
            if let found = child.match(segments, from: index + 1, values: &values) { return found }
            values.removeLast()
        }
        return nil
    }
}
