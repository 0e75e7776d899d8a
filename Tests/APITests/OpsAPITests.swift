import FoundationEssentials
import Testing
@testable import API
@testable import Server
import Store
import Support
import TestSupport

/// `GET /metrics` and `GET /` (the explorer page) on the shared live server.
@Suite struct OpsAPITests {
    // MARK: - /metrics

    @Test func metrics_IsPrometheusText_EveryLineACommentBlankOrSample() throws {
        _ = request("GET", "/v1/documents/serov-instructions")
        let response = request("GET", "/metrics")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.header("Cache-Control") == "no-store")
        #expect(response.header("ETag")?.hasPrefix("\"") == true, "every 200 to a GET has a strong ETag")
        let exposition = try #require(Exposition(response.text))
        for family in ["archive_http_requests_total", "archive_http_request_duration_seconds", "archive_http_open_connections",
                       "archive_database_size_bytes", "archive_data_revision", "process_resident_memory_bytes"] {
            #expect(exposition.types[family] != nil, "no # TYPE line for \(family)")
        }
        #expect(exposition.types["archive_http_requests_total"] == "counter")
        #expect(exposition.types["archive_http_request_duration_seconds"] == "histogram")
        #expect(exposition.types["archive_http_open_connections"] == "gauge")
        #expect((exposition.value("archive_database_size_bytes") ?? 0) > 100_000)
        #expect(exposition.value("archive_data_revision") == Double(APITestServer.shared.api.state().revision))
        #expect((exposition.value("process_resident_memory_bytes") ?? 0) > 1_000_000)
        // Every sample belongs to a declared family.
        for sample in exposition.samples {
            let family = ["_bucket", "_sum", "_count"].reduce(sample.name) { name, suffix in
                exposition.types[name] == nil && name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
            }
            #expect(exposition.types[family] != nil, "\(sample.name) has no # TYPE")
        }
    }

    @Test func requestCounters_Increase_AndUseTheRoutePattern() throws {
        let item = ["route": "/v1/:collection/:id", "method": "GET", "status": "200"]
        let unmatched = ["route": "unmatched", "method": "GET", "status": "404"]
        let before = try #require(Exposition(request("GET", "/metrics").text))
        #expect(request("GET", "/v1/documents/serov-instructions").status == 200)
        #expect(request("GET", "/v1/persons/ivan-serov").status == 200)
        #expect(request("GET", "/no-such-path/for-the-metrics-test").status == 404)
        #expect(request("HEAD", "/v1/documents/serov-instructions").status == 200)
        let after = try #require(Exposition(request("GET", "/metrics").text))
        #expect((after.value("archive_http_requests_total", item) ?? 0) >= (before.value("archive_http_requests_total", item) ?? 0) + 2)
        #expect((after.value("archive_http_requests_total", unmatched) ?? 0) >= (before.value("archive_http_requests_total", unmatched) ?? 0) + 1)
        #expect((after.value("archive_http_requests_total", ["route": "/v1/:collection/:id", "method": "HEAD", "status": "200"]) ?? 0) >= 1)
        #expect((after.value("archive_http_request_duration_seconds_count", ["route": "/v1/:collection/:id"]) ?? 0)
                >= (before.value("archive_http_request_duration_seconds_count", ["route": "/v1/:collection/:id"]) ?? 0) + 3)
        // Routes are patterns: no raw path or id becomes a label value.
        for sample in after.samples {
            let route = sample.labels["route"] ?? ""
            #expect(!route.contains("no-such-path") && !route.contains("serov") && !route.contains("ivan"), "raw path in a label: \(route)")
        }
        // A 304 is counted as such.
        let etag = try #require(request("GET", "/v1/documents/nkvd-order-001223").header("ETag"))
        let notModified = ["route": "/v1/:collection/:id", "method": "GET", "status": "304"]
        let beforeConditional = try #require(Exposition(request("GET", "/metrics").text)).value("archive_http_requests_total", notModified) ?? 0
        #expect(request("GET", "/v1/documents/nkvd-order-001223", headers: [("If-None-Match", etag)]).status == 304)
        let afterConditional = try #require(Exposition(request("GET", "/metrics").text)).value("archive_http_requests_total", notModified) ?? 0
        #expect(afterConditional >= beforeConditional + 1)
    }

    @Test func histogram_BucketsAreCumulative_AndEndWithInfEqualToCount() throws {
        _ = request("GET", "/v1")
        _ = request("GET", "/v1/search?q=serov")
        let exposition = try #require(Exposition(request("GET", "/metrics").text))
        let buckets = exposition.samples.filter { $0.name == "archive_http_request_duration_seconds_bucket" }
        let routes = Set(buckets.compactMap { $0.labels["route"] })
        #expect(routes.contains("/v1") && routes.contains("/v1/search"))
        let bounds = ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"]
        for route in routes {
            let series = buckets.filter { $0.labels["route"] == route }
            #expect(series.map { $0.labels["le"] ?? "" } == bounds, "\(route): buckets \(series.map { $0.labels["le"] ?? "" })")
            for (earlier, later) in zip(series, series.dropFirst()) {
                #expect(earlier.value <= later.value, "\(route): le=\(earlier.labels["le"]!) > le=\(later.labels["le"]!)")
            }
            let count = exposition.value("archive_http_request_duration_seconds_count", ["route": route])
            #expect(series.last?.value == count, "\(route): +Inf bucket ≠ _count")
            #expect((count ?? 0) >= 1)
            #expect((exposition.value("archive_http_request_duration_seconds_sum", ["route": route]) ?? -1) >= 0)
        }
    }

    @Test func openConnections_CountKeepAliveClients() throws {
        let port = APITestServer.shared.port
        let idle = RawClient(port: port, timeoutMilliseconds: 5000)
        idle.send("GET /v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        let client = RawClient(port: port, timeoutMilliseconds: 5000)
        client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        client.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        let exposition = try #require(Exposition(response.text))
        // This connection and the idle keep-alive one are both open while the metrics are read.
        #expect((exposition.value("archive_http_open_connections") ?? 0) >= 2)
        #expect(HTTPServer.openConnectionCount >= 2)
    }

    @Test func liveAnswers_AreNeverKeptInTheResponseCache_NorAnswered304() throws {
        let api = APITestServer.shared.api
        for path in ["/metrics", "/healthz", "/readyz"] {
            #expect(request("GET", path).status == 200)
            #expect(api.responses.lookup(ResponseCache.key(HTTPRequest(method: .GET, target: path)), revision: api.state().revision) == nil,
                    "\(path) was cached")
        }
        #expect(request("GET", "/metrics", headers: [("If-None-Match", "\"not-this-one\"")]).status == 200)
        let first = request("GET", "/metrics").text
        let second = request("GET", "/metrics").text
        #expect(first != second, "the second scrape counts the first")
        #expect(request("HEAD", "/metrics").status == 200)
        #expect(request("GET", "/metrics?pretty=true").status == 400)
        // …while an ordinary read is kept.
        #expect(request("GET", "/").status == 200)
        #expect(api.responses.lookup(ResponseCache.key(HTTPRequest(method: .GET, target: "/")), revision: api.state().revision) != nil)
    }

    @Test func metricsRecording_KeepsCountsPerMethodAndStatus() {
        let route = RouteMetrics(route: "/t")
        route.record(method: .GET, status: 200, nanoseconds: 100_000)
        route.record(method: .GET, status: 200, nanoseconds: 3_000_000)
        route.record(method: .HEAD, status: 304, nanoseconds: 1_000_000)
        route.record(method: .GET, status: 599, nanoseconds: 9_000_000_000)
        let counts = route.counts()
        #expect(counts.map { "\($0.method) \($0.status) \($0.count)" } == ["GET 200 2", "GET 599 1", "HEAD 304 1"])
        let histogram = route.histogram()
        #expect(histogram.buckets == [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])  // 1 ms lands in le="0.001"
        #expect(histogram.sumNanoseconds == 9_004_100_000)
        #expect(PrometheusText.seconds(nanoseconds: 9_004_100_000) == "9.004100000")
        #expect(PrometheusText.escape("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }

    // MARK: - / (the explorer)

    @Test func explorer_IsHTML_WithAStrictContentSecurityPolicy() throws {
        let response = request("GET", "/")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        let policy = try #require(response.header("Content-Security-Policy"))
        #expect(policy.contains("default-src 'none'"))
        #expect(policy.contains("connect-src 'self'"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval") && !policy.contains("http"))
        let page = response.text
        #expect(page.hasPrefix("<!doctype html>"))
        // The inline script and style are allowed by their own hashes, computed here independently.
        for tag in ["script", "style"] {
            let bodies = Self.elementBodies(tag, in: page)
            #expect(bodies.count == 1, "one inline <\(tag)>")
            for body in bodies {
                let hash = "'sha256-" + Self.base64(SHA256.hash(Array(body.utf8))) + "'"
                #expect(policy.contains("\(tag)-src 'self' \(hash)"), "\(tag) hash \(hash) not in \(policy)")
            }
        }
    }

    @Test func explorer_AnswersConditionalGets_AndHEAD() throws {
        let first = request("GET", "/")
        let etag = try #require(first.header("ETag"))
        #expect(first.header("Cache-Control") == "no-cache")
        let revalidated = request("GET", "/", headers: [("If-None-Match", etag)])
        #expect(revalidated.status == 304)
        #expect(revalidated.body.isEmpty)
        #expect(revalidated.header("ETag") == etag)
        let head = request("HEAD", "/")
        #expect(head.status == 200)
        #expect(head.header("ETag") == etag)
        #expect(head.header("Content-Length") == String(first.body.count))
        #expect(head.header("Content-Security-Policy") == first.header("Content-Security-Policy"))
        #expect(request("OPTIONS", "/").status == 204)
        #expect(request("GET", "/?q=serov").status == 400)
        #expect(request("POST", "/", body: "").status == 405)
    }

    @Test func explorer_LoadsNothingFromElsewhere_AndPutsDataInAsText() throws {
        let page = request("GET", "/").text
        #expect(!page.contains("http://") && !page.contains("https://"), "an absolute URL in the page")
        #expect(!page.contains("//cdn") && !page.contains("@import") && !page.contains("url("))
        for attribute in ["src=\"", "href=\"", "action=\""] {
            var rest = page[...]
            while let range = rest.firstRange(of: attribute) {
                let value = rest[range.upperBound...].prefix { $0 != "\"" }
                #expect(value.hasPrefix("#") || (value.hasPrefix("/") && !value.hasPrefix("//")), "\(attribute)\(value)\" is not a relative API path or fragment")
                rest = rest[range.upperBound...]
            }
        }
        // No markup from strings: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval.
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            #expect(!page.contains(sink), "the page uses \(sink)")
        }
        // It uses the API's resources.
        for path in ["/v1/search", "/v1/timeline", "/dating", "\"/v1\""] {
            #expect(page.contains(path), "the page never calls \(path)")
        }
    }

    @Test func explorer_EmbeddedCopy_MatchesDocsExplorerHTML() throws {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/APITests/OpsAPITests.swift
        let path = components.joined(separator: "/") + "/docs/explorer.html"
        let file = try String(decoding: Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(ExplorerPage.text == file, "run scripts/embed-resources")
    }

    // MARK: - Helpers

    /// The text between `<tag…>` and `</tag>`, for each such element.
    static func elementBodies(_ tag: String, in page: String) -> [String] {
        var bodies: [String] = []
        var rest = page[...]
        while let open = rest.firstRange(of: "<\(tag)") {
            guard let endOfOpen = rest[open.upperBound...].firstIndex(of: ">"),
                  let close = rest[rest.index(after: endOfOpen)...].firstRange(of: "</\(tag)>") else { break }
            bodies.append(String(rest[rest.index(after: endOfOpen)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return bodies
    }

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (Int(chunk[0]) << 16) | (chunk.count > 1 ? Int(chunk[1]) << 8 : 0) | (chunk.count > 2 ? Int(chunk[2]) : 0)
            out.append(alphabet[(value >> 18) & 63])
            out.append(alphabet[(value >> 12) & 63])
            out.append(chunk.count > 1 ? alphabet[(value >> 6) & 63] : "=")
            out.append(chunk.count > 2 ? alphabet[value & 63] : "=")
            index += 3
        }
        return out
    }
}

/// A parsed Prometheus text exposition (format 0.0.4); nil when any line is not a comment, blank
/// or `name{label="value",…} value`.
struct Exposition {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]

    init?(_ text: String) {
        guard text.hasSuffix("\n") else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3)
                if parts.count >= 2 && parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else { return nil }
                    guard types[String(parts[2])] == nil else { return nil }  // one TYPE per family
                    types[String(parts[2])] = String(parts[3])
                }
                continue
            }
            guard let sample = Self.sample(line) else { return nil }
            samples.append(sample)
        }
    }

    /// The value of the one sample named `name` whose labels include `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
        return matching.count == 1 ? matching[0].value : nil
    }

    private static func sample(_ line: Substring) -> Sample? {
        var index = line.startIndex
        func isNameCharacter(_ c: Character, first: Bool) -> Bool {
            c.isASCII && (c.isLetter || c == "_" || c == ":" || (!first && c.isNumber))
        }
        guard index < line.endIndex, isNameCharacter(line[index], first: true) else { return nil }
        while index < line.endIndex, isNameCharacter(line[index], first: false) { index = line.index(after: index) }
        let name = String(line[..<index])
        var labels: [String: String] = [:]
        if index < line.endIndex, line[index] == "{" {
            index = line.index(after: index)
            while true {
                guard index < line.endIndex else { return nil }
                if line[index] == "}" { index = line.index(after: index); break }
                let start = index
                guard isNameCharacter(line[index], first: true) else { return nil }
                while index < line.endIndex, isNameCharacter(line[index], first: false) { index = line.index(after: index) }
                let label = String(line[start..<index])
                guard index < line.endIndex, line[index] == "=" else { return nil }
                index = line.index(after: index)
                guard index < line.endIndex, line[index] == "\"" else { return nil }
                index = line.index(after: index)
                var value = ""
                while true {
                    guard index < line.endIndex else { return nil }
                    let c = line[index]
                    if c == "\"" { index = line.index(after: index); break }
                    if c == "\\" {
                        index = line.index(after: index)
                        guard index < line.endIndex else { return nil }
                        switch line[index] {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: return nil
                        }
                    } else {
                        value.append(c)
                    }
                    index = line.index(after: index)
                }
                guard labels[label] == nil else { return nil }
                labels[label] = value
                guard index < line.endIndex else { return nil }
                if line[index] == "," { index = line.index(after: index) }
            }
        }
        guard index < line.endIndex, line[index] == " " else { return nil }
        let rest = line[line.index(after: index)...].split(separator: " ")
        guard rest.count == 1 || rest.count == 2 else { return nil }  // value [timestamp]
        let number: Double
        switch rest[0] {
        case "+Inf": number = .infinity
        case "-Inf": number = -.infinity
        case "NaN": number = .nan
        default:
            guard let parsed = Double(rest[0]) else { return nil }
            number = parsed
        }
        return Sample(name: name, labels: labels, value: number)
    }
}
