import Support

/// An error that renders itself as `application/problem+json` (RFC 9457).
///
/// `type` is `about:blank` when the status code says it all (then `title` is the reason phrase);
/// our own problem types use ``Problem/typeBase`` + a slug, e.g.
/// `https://archive.invalid/problems/invalid-parameter`.
public struct Problem: Error, Sendable {
    /// The base URI of the archive's own problem types.
    public static let typeBase = "https://archive.invalid/problems/"

    /// The HTTP status code.
    public var status: HTTPStatus
    /// A short summary that does not change between occurrences.
    public var title: String
    /// An explanation of this occurrence (never a stack trace, SQL or internal error text).
    public var detail: String?
    /// A URI naming the problem type.
    public var type: String
    /// Errors in a request body: JSON Pointer (RFC 6901) into the body and a sentence each.
    public var errors: [(pointer: String, detail: String)]
    /// Extra response fields (`Allow`, `WWW-Authenticate`, `Retry-After`, …).
    public var headers: HTTPFields
    /// Extension members, e.g. `"parameter": "limit"`.
    public var members: [(name: String, value: Member)]

    /// The value of an extension member.
    public enum Member: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
        case string(String), integer(Int), boolean(Bool)
        /// A string member.
        public init(stringLiteral value: String) { self = .string(value) }
        /// An integer member.
        public init(integerLiteral value: Int) { self = .integer(value) }
        /// A Boolean member.
        public init(booleanLiteral value: Bool) { self = .boolean(value) }
    }

    /// Makes a problem; `title` defaults to the status's reason phrase.
    public init(status: HTTPStatus, title: String? = nil, detail: String? = nil, type: String = "about:blank",
                errors: [(pointer: String, detail: String)] = [], headers: HTTPFields = HTTPFields(),
                members: [(name: String, value: Member)] = []) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.type = type
        self.errors = errors
        self.headers = headers
        self.members = members
    }

    // MARK: - Common problems

    /// 400 for a query or path parameter, naming it in `detail` and in a `parameter` member.
    public static func invalidParameter(_ name: String, detail: String) -> Problem {
        Problem(status: .badRequest, title: "Invalid parameter", detail: detail, type: typeBase + "invalid-parameter",
                members: [("parameter", .string(name))])
    }

    /// 404 for an unknown path or id.
    public static func notFound(detail: String? = nil) -> Problem {
        Problem(status: .notFound, detail: detail)
    }

    /// 405 with the `Allow` field listing the methods the path takes.
    public static func methodNotAllowed(allow: [HTTPMethod]) -> Problem {
        let list = allow.map(\.rawValue).joined(separator: ", ")
        return Problem(status: .methodNotAllowed, detail: "Allowed methods: \(list).", headers: [.allow: list])
    }

    /// The bare 500 for an unexpected error: no detail of what went wrong.
    public static let internalError = Problem(status: .internalServerError)

    // MARK: - Rendering

    /// The problem as an `application/problem+json` response with its extra fields.
    public func response() -> HTTPResponse {
        var headers = self.headers
        headers.set(.contentType, "application/problem+json")
        return HTTPResponse(status: status, headers: headers, body: .bytes(jsonBytes()))
    }

    /// The UTF-8 JSON document.
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(UInt8(ascii: "{"))
        JSONWriter.writeKey("type", into: &out)
        JSONWriter.writeString(type, into: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.writeKey("title", into: &out)
        JSONWriter.writeString(title, into: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.writeKey("status", into: &out)
        out.append(contentsOf: String(status.code).utf8)
        if let detail {
            out.append(UInt8(ascii: ","))
            JSONWriter.writeKey("detail", into: &out)
            JSONWriter.writeString(detail, into: &out)
        }
        if !errors.isEmpty {
            out.append(contentsOf: ",\"errors\":[".utf8)
            for (index, error) in errors.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "{\"pointer\":".utf8)
                JSONWriter.writeString(error.pointer, into: &out)
                out.append(contentsOf: ",\"detail\":".utf8)
                JSONWriter.writeString(error.detail, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        for member in members where !["type", "title", "status", "detail", "errors"].contains(member.name) {
            out.append(UInt8(ascii: ","))
            JSONWriter.writeKey(member.name, into: &out)
            switch member.value {
            case .string(let text): JSONWriter.writeString(text, into: &out)
            case .integer(let number): out.append(contentsOf: String(number).utf8)
            case .boolean(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
