import Server
import Store
import Support

/// `GET /metrics` (Prometheus text) and `GET /` (the explorer page).
enum OpsRoutes {
    /// The metrics' route: answered live, never cached and with a strong ETag but never cached (`no-store`).
    static let metricsPattern = "/metrics"

    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, metricsPattern) { request, _ in
            _ = try QueryParameters(request, allowed: [])
            var response = HTTPResponse.text(metricsText(api), contentType: PrometheusText.contentType)
            response.headers.set(.cacheControl, "no-store")
            return response
        }
        router.add(.GET, "/") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            var response = HTTPResponse(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .bytes(ExplorerPage.bytes))
            response.headers.set(.contentSecurityPolicy, ExplorerPage.contentSecurityPolicy)
            response.headers.set(.xContentTypeOptions, "nosniff")
            response.headers.set(.referrerPolicy, "no-referrer")
            // Revalidated on every visit (a 304 while the ETag holds), so a new server's page shows at once.
            response.headers.set(.cacheControl, "no-cache")
            return response
        }
    }

    /// The whole exposition: HTTP traffic, connections, the database, the process.
    static func metricsText(_ api: ArchiveAPI) -> String {
        var text = ""
        text.reserveCapacity(16 * 1024)
        api.metrics.renderHTTP(into: &text)
        PrometheusText.gauge("archive_http_open_connections", help: "Client connections open in this process.",
                             value: "\(HTTPServer.openConnectionCount)", into: &text)
        let logicalSize = try? api.archive.logicalSize()
        let walBytes = Files.size(api.archive.path + "-wal")
        if let logicalSize {
            PrometheusText.gauge("archive_database_size_bytes", help: "Size of the SQLite database: page_count * page_size (its logical size) plus the write-ahead log file.",
                                 value: "\(logicalSize + (walBytes ?? 0))", into: &text)
        }
        if let walBytes {
            PrometheusText.gauge("archive_database_wal_size_bytes", help: "Size of the SQLite write-ahead log file.", value: "\(walBytes)", into: &text)
        }
        PrometheusText.gauge("archive_data_revision", help: "The data's revision (raised by every import and write).",
                             value: "\(api.state().revision)", into: &text)
        ProcessStats.read().render(into: &text)
        return text
    }
}

/// The explorer page (`docs/explorer.html`, compiled in by `scripts/embed-resources`), served at
/// `GET /`: one file with its style and script inline and no external resource.
///
/// Its Content-Security-Policy allows nothing but the page's own origin, plus the one inline
/// `<style>` and the one inline `<script>` by their SHA-256 hashes (CSP Level 2), so no
/// `'unsafe-inline'` is needed: an injected script or style would not run.
enum ExplorerPage {
    static let bytes: [UInt8] = Array(text.utf8)

    static let contentSecurityPolicy: String = {
        let script = inlineHashes(of: "script").map { " '\($0)'" }.joined()
        let style = inlineHashes(of: "style").map { " '\($0)'" }.joined()
        return "default-src 'none'; script-src 'self'\(script); style-src 'self'\(style); connect-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }()

    /// `sha256-<base64>` of the content of every `<tag>…</tag>` in the page, as browsers hash it.
    static func inlineHashes(of tag: String) -> [String] {
        var hashes: [String] = []
        var rest = bytes[...]
        let open = Array("<\(tag)".utf8), close = Array("</\(tag)>".utf8)
        while let start = firstRange(of: open, in: rest) {
            guard let endOfOpen = rest[start.upperBound...].firstIndex(of: UInt8(ascii: ">")),
                  let end = firstRange(of: close, in: rest[(endOfOpen + 1)...]) else { break }
            hashes.append("sha256-" + Base64.encode(SHA256.hash(rest[(endOfOpen + 1)..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return hashes
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }
}
