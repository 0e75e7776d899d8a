import Store

/// Validators and freshness of successful GETs (RFC 9110 §8.8, §13; RFC 9111 §5.2).
enum Caching {
    /// Adds ETag, Cache-Control and Last-Modified to a successful answer.
    static func addValidators(_ response: inout HTTPResponse, request: HTTPRequest, state: ArchiveState, settings: APISettings) {
        if response.headers["ETag"] == nil {
            switch response.body {
            case .bytes(let bytes): response.headers.set("ETag", etag(for: bytes, revision: state.revision))
            case .stream, .empty:
                // A stream is a pure function of the data's revision and the request: its tag is
                // derived from those instead of bytes not yet produced.
                response.headers.set("ETag", etag(for: Array(("stream " + request.target + " " + (request.headers["Accept"] ?? "")).utf8), revision: state.revision))
            }
        }
        if response.headers["Cache-Control"] == nil { response.headers.set("Cache-Control", settings.cacheControl) }
        // Last-Modified is the data's last change: resources that are not the data (the OpenAPI
        // document, which changes with the server's version) carry none, so a client revalidates them.
        if let lastModified = state.lastModified, request.path.hasPrefix("/v1") {
            response.headers.set("Last-Modified", HTTPDateText.format(lastModified))
        }
    }

    /// Turns a successful answer into a 304 when the request's preconditions say the client already has it.
    static func answerConditional(_ response: inout HTTPResponse, request: HTTPRequest, state: ArchiveState) {
        let lastModified = response.headers["Last-Modified"] != nil ? state.lastModified : nil
        if isNotModified(request, etag: response.headers["ETag"], lastModified: lastModified) {
            var headers = HTTPFields()
            for name in ["ETag", "Cache-Control", "Last-Modified", "Vary", "Content-Location", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers"] {
                if let value = response.headers[name] { headers.set(name, value) }
            }
            response = HTTPResponse(status: 304, headers: headers, body: .empty)
        }
    }

    /// A strong entity tag from the revision and the bytes (equal on two copies of one database).
    static func etag(for bytes: [UInt8], revision: Int) -> String {
        var hasher = SHA256()
        hasher.update(Array(String(revision).utf8))
        hasher.update([0])
        hasher.update(bytes)
        return "\"" + hexString(hasher.finalize().prefix(16)) + "\""
    }

    /// If-None-Match (weak comparison, lists and `*`) wins over If-Modified-Since (RFC 9110 §13.2.2).
    static func isNotModified(_ request: HTTPRequest, etag: String?, lastModified: Int64?) -> Bool {
        let inm = request.headers.values("If-None-Match")
        if !inm.isEmpty {
            guard let etag else { return false }
            let tags = inm.flatMap { $0.split(separator: ",") }.map { String($0).trimmingSpaces() }
            return tags.contains("*") || tags.contains { opaque($0) == opaque(etag) }
        }
        if let since = request.headers["If-Modified-Since"], let lastModified, let sinceTime = HTTPDateText.parse(since) {
            return lastModified <= sinceTime
        }
        return false
    }

    /// The opaque part of an entity tag, without `W/` (weak comparison).
    static func opaque(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
}
