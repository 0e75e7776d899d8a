/// Cross-origin rules: reads answer any origin; writes only the configured origins.
enum CORS {
    static let exposedHeaders = "ETag, Link, Location, Last-Modified, X-Request-Id, Content-Disposition"
    static let allowedHeaders = "Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since, Accept"
    static let readMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]

    /// Adds the CORS fields of an actual (non-preflight) response.
    static func addHeaders(to response: inout HTTPResponse, request: HTTPRequest, settings: APISettings) {
        if request.method == .GET || request.method == .HEAD {
            response.headers.set("Access-Control-Allow-Origin", "*")
            response.headers.set("Access-Control-Expose-Headers", exposedHeaders)
        } else if let origin = request.headers["Origin"] {
            appendVary(&response, "Origin")
            if isAllowedWriter(origin, settings) {
                response.headers.set("Access-Control-Allow-Origin", origin)
                response.headers.set("Access-Control-Expose-Headers", exposedHeaders)
            }
        }
    }

    /// Fills a preflight answer: reads for any origin, writes only for a configured one.
    static func preflight(_ response: inout HTTPResponse, request: HTTPRequest, allowedMethods: [String], settings: APISettings) {
        guard let origin = request.headers["Origin"] else { return }
        appendVary(&response, "Origin")
        let writer = isAllowedWriter(origin, settings)
        let methods = allowedMethods.filter { writer || readMethods.contains($0) }
        response.headers.set("Access-Control-Allow-Origin", writer ? origin : "*")
        response.headers.set("Access-Control-Allow-Methods", methods.joined(separator: ", "))
        response.headers.set("Access-Control-Allow-Headers", allowedHeaders)
        response.headers.set("Access-Control-Max-Age", "86400")
    }

    static func isAllowedWriter(_ origin: String, _ settings: APISettings) -> Bool {
        settings.corsOrigins.contains(origin) || settings.corsOrigins.contains("*")
    }

    static func appendVary(_ response: inout HTTPResponse, _ name: String) {
        let existing = response.headers["Vary"]?.split(separator: ",").map { $0.trimmingPrefix(" ").lowercased() } ?? []
        guard !existing.contains(name.lowercased()) else { return }
        response.headers.set("Vary", ([response.headers["Vary"]].compactMap { $0 } + [name]).joined(separator: ", "))
    }
}
