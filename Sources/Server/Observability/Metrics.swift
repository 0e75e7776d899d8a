import Synchronization

/// The HTTP traffic `GET /metrics` reports: per route pattern, requests by method and status and
/// a latency histogram.
///
/// Recording is three relaxed atomic adds on the route's own counters: no lock shared between
/// routes or threads, no allocation. Scraping reads the counters while requests keep landing, so
/// one scrape may see a request in a bucket but not yet in the sum; each histogram's `_count` is
/// the sum of its buckets, so `le="+Inf"` and `_count` always agree.
public final class Metrics: Sendable {
    /// The label of requests whose path no route matches (or whose path is malformed).
    static let unmatchedRoute = "unmatched"

    private let routes = Mutex<[String: RouteMetrics]>([:])

    public init() {}

    /// The counters of a route pattern (nil: unmatched), made on first use. Routes are the
    /// router's patterns, so the set stays bounded whatever paths clients send.
    public func route(_ pattern: String?) -> RouteMetrics {
        let name = pattern ?? Self.unmatchedRoute
        return routes.withLock { routes in
            if let existing = routes[name] { return existing }
            let created = RouteMetrics(route: name)
            routes[name] = created
            return created
        }
    }

    /// Every route seen so far, by name.
    var allRoutes: [RouteMetrics] {
        routes.withLock { Array($0.values) }.sorted { $0.route < $1.route }
    }

    /// The request counters and the latency histogram, in the text exposition format.
    public func renderHTTP(into text: inout String) {
        let routes = allRoutes
        text += "# HELP archive_http_requests_total HTTP requests answered by the API, by route pattern, method and status.\n"
        text += "# TYPE archive_http_requests_total counter\n"
        for route in routes {
            for (method, status, count) in route.counts() {
                text += "archive_http_requests_total{route=\"\(PrometheusText.escape(route.route))\",method=\"\(method)\",status=\"\(status)\"} \(count)\n"
            }
        }
        text += "# HELP archive_http_request_duration_seconds Time from handing the request to the API to its response being ready (a streamed body's production is not included), by route pattern.\n"
        text += "# TYPE archive_http_request_duration_seconds histogram\n"
        for route in routes {
            let label = PrometheusText.escape(route.route)
            let snapshot = route.histogram()
            var cumulative = 0
            for (index, count) in snapshot.buckets.enumerated() {
                cumulative += count
                let bound = index < RouteMetrics.bucketLabels.count ? RouteMetrics.bucketLabels[index] : "+Inf"
                text += "archive_http_request_duration_seconds_bucket{route=\"\(label)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            text += "archive_http_request_duration_seconds_sum{route=\"\(label)\"} \(PrometheusText.seconds(nanoseconds: snapshot.sumNanoseconds))\n"
            text += "archive_http_request_duration_seconds_count{route=\"\(label)\"} \(cumulative)\n"
        }
    }
}

/// The counters of one route pattern.
public final class RouteMetrics: Sendable {
    /// The upper bounds of the latency buckets in nanoseconds (`le`), then +Inf.
    static let bucketBounds: [Int] = [
        500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
        100_000_000, 250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000,
    ]
    /// The same bounds as `le` labels (seconds).
    static let bucketLabels = ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5"]

    /// The statuses counted on lock-free counters; any other status takes a lock (rare by design).
    static let statuses = [
        200, 201, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 406, 408, 409,
        410, 411, 412, 413, 414, 415, 416, 422, 428, 429, 431, 500, 501, 502, 503, 505,
    ]  // 34
    static let methodCount = 7  // HTTPMethod.allCases
    private static let statusSlots: [Int8] = {
        var slots = [Int8](repeating: -1, count: 600)
        for (index, status) in statuses.enumerated() { slots[status] = Int8(index) }
        return slots
    }()
    private static let methods: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS]

    /// The route pattern (the `route` label).
    let route: String
    /// Requests by method × status slot (7 × 34).
    private let counters: InlineArray<238, Atomic<Int>>
    /// Requests by method and a status outside ``statuses``.
    private let otherCounters = Mutex<[Int: Int]>([:])
    /// Requests per latency bucket, not cumulative; the last is +Inf.
    private let buckets: InlineArray<13, Atomic<Int>>
    private let sumNanoseconds = Atomic<Int>(0)

    init(route: String) {
        self.route = route
        counters = InlineArray { _ in Atomic(0) }
        buckets = InlineArray { _ in Atomic(0) }
    }

    private static func methodIndex(_ method: HTTPMethod) -> Int {
        switch method {
        case .GET: 0
        case .HEAD: 1
        case .POST: 2
        case .PUT: 3
        case .PATCH: 4
        case .DELETE: 5
        case .OPTIONS: 6
        }
    }

    /// Counts one answered request.
    func record(method: HTTPMethod, status: Int, nanoseconds: Int) {
        let methodIndex = Self.methodIndex(method)
        let slot = status >= 0 && status < 600 ? Int(Self.statusSlots[status]) : -1
        if slot >= 0 {
            counters[methodIndex * Self.statuses.count + slot].wrappingAdd(1, ordering: .relaxed)
        } else {
            otherCounters.withLock { $0[methodIndex * 1000 + status, default: 0] += 1 }
        }
        let bounds = Self.bucketBounds
        var bucket = 0
        while bucket < bounds.count && nanoseconds > bounds[bucket] { bucket += 1 }
        buckets[bucket].wrappingAdd(1, ordering: .relaxed)
        sumNanoseconds.wrappingAdd(max(0, nanoseconds), ordering: .relaxed)
    }

    /// Counts one answered request that started at `start`.
    public func record(method: HTTPMethod, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - start).components
        record(method: method, status: status, nanoseconds: Int(elapsed.seconds) &* 1_000_000_000 &+ Int(elapsed.attoseconds / 1_000_000_000))
    }

    /// The non-zero counters: (method, status, count), by method then status.
    func counts() -> [(method: String, status: Int, count: Int)] {
        var result: [(method: String, status: Int, count: Int)] = []
        for methodIndex in 0..<Self.methodCount {
            var found: [(status: Int, count: Int)] = []
            for (slot, status) in Self.statuses.enumerated() {
                let count = counters[methodIndex * Self.statuses.count + slot].load(ordering: .relaxed)
                if count > 0 { found.append((status, count)) }
            }
            for (key, count) in otherCounters.withLock({ $0 }) where key / 1000 == methodIndex {
                found.append((key % 1000, count))
            }
            for entry in found.sorted(by: { $0.status < $1.status }) {
                result.append((Self.methods[methodIndex].rawValue, entry.status, entry.count))
            }
        }
        return result
    }

    /// The per-bucket counts (not cumulative; the last is +Inf) and the sum of durations.
    func histogram() -> (buckets: [Int], sumNanoseconds: Int) {
        var counts: [Int] = []
        for index in 0..<13 { counts.append(buckets[index].load(ordering: .relaxed)) }
        return (counts, sumNanoseconds.load(ordering: .relaxed))
    }
}

/// Helpers of the Prometheus text exposition format (version 0.0.4).
public enum PrometheusText {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A label value with `\`, `"` and line feeds escaped.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// `0.001234567` for 1,234,567 ns: exact decimal seconds, no exponent.
    public static func seconds(nanoseconds: Int) -> String {
        let whole = nanoseconds / 1_000_000_000
        let fraction = String(nanoseconds % 1_000_000_000)
        return "\(whole)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    /// One gauge with its help and type lines.
    public static func gauge(_ name: String, help: String, value: String, into text: inout String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
    }

    /// One counter with its help and type lines.
    public static func counter(_ name: String, help: String, value: String, into text: inout String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) counter\n\(name) \(value)\n"
    }
}
