import Server
import Store

/// Curators' writes: `POST /v1/<collection>` creates, `PUT …/<id>` replaces (or restores a
/// deleted item, or creates at that id), `PATCH …/<id>` applies a JSON merge patch (RFC 7396),
/// `DELETE …/<id>` deletes. Authentication and `--require-if-match` are middleware in front of
/// these; here `If-Match` is checked inside the write's own transaction, so of two curators
/// holding the same ETag exactly one wins.
enum WriteRoutes {
    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.POST, "/v1/:collection") { request, context in
            let type = try CollectionRoutes.collection(context)
            _ = try QueryParameters(request, allowed: [])  // as on reads: an unknown parameter is a 400, never ignored
            let body = try jsonBody(request, mediaTypes: ["application/json"])
            let outcome = try perform(type, nil) {
                try api.archive.create(type, body: body, curator: curator(context), summary: summary(request))
            }
            return api.written(outcome, status: .created)
        }
        router.add(.PUT, "/v1/:collection/:id") { request, context in
            let (type, id) = try item(context)
            _ = try QueryParameters(request, allowed: [])
            let body = try jsonBody(request, mediaTypes: ["application/json"])
            let precondition = try preconditions(request, api: api)
            let outcome = try perform(type, id) {
                try api.archive.replace(type, id: id, body: body, curator: curator(context), summary: summary(request), precondition: precondition)
            }
            // A restore gives a deleted item a current representation again: 201, as for a create (RFC 9110 §9.3.4).
            return api.written(outcome, status: outcome.action == .update ? .ok : .created)
        }
        router.add(.PATCH, "/v1/:collection/:id") { request, context in
            let (type, id) = try item(context)
            _ = try QueryParameters(request, allowed: [])
            let body = try jsonBody(request, mediaTypes: ["application/merge-patch+json"])
            let precondition = try preconditions(request, api: api)
            let outcome = try perform(type, id) {
                try api.archive.patch(type, id: id, mergePatch: body, curator: curator(context), summary: summary(request), precondition: precondition)
            }
            return api.written(outcome, status: .ok)
        }
        router.add(.DELETE, "/v1/:collection/:id") { request, context in
            let (type, id) = try item(context)
            _ = try QueryParameters(request, allowed: [])
            let precondition = try preconditions(request, api: api)
            let outcome = try perform(type, id) {
                try api.archive.delete(type, id: id, curator: curator(context), summary: summary(request), precondition: precondition)
            }
            return api.written(outcome, status: .noContent)
        }
    }

    /// Runs a write (or a history read), turning an ``ArchiveError`` into its problem.
    static func perform<T>(_ type: ItemType?, _ id: String?, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ArchiveError { throw WriteProblems.problem(error, type: type, id: id) }
    }

    static func item(_ context: RequestContext) throws(Problem) -> (ItemType, String) {
        (try CollectionRoutes.collection(context), try context.parameters.require("id"))
    }

    /// The authenticated curator (the auth middleware has let only those through).
    static func curator(_ context: RequestContext) -> String {
        context.principal ?? "anonymous"
    }

    /// `X-Edit-Summary`, when given (the body's `edit_summary` is the Store's fallback).
    static func summary(_ request: HTTPRequest) -> String? {
        guard let text = request.headers[.xEditSummary]?.trimmingSpaces(), !text.isEmpty else { return nil }
        return String(text.prefix(1000))
    }

    /// The body, when its `Content-Type` is one of `mediaTypes` (parameters such as charset
    /// allowed); 415 with `Accept`/`Accept-Patch` naming the types otherwise.
    static func jsonBody(_ request: HTTPRequest, mediaTypes: [String]) throws(Problem) -> [UInt8] {
        let given = request.headers[.contentType]?.split(separator: ";").first.map { String($0).trimmingSpaces().lowercased() }
        let list = mediaTypes.joined(separator: ", ")
        let field: HTTPFieldName = request.method == .PATCH ? .acceptPatch : .acceptPost
        guard let given, mediaTypes.contains(given) else {
            throw Problem(status: .unsupportedMediaType, detail: "The body must be \(list)" + (given.map { "; got '\($0)'." } ?? "; no Content-Type was given."),
                          headers: [field: list])
        }
        if let charset = charset(request.headers[.contentType]), charset != "utf-8" {
            throw Problem(status: .unsupportedMediaType, detail: "The body must be UTF-8 JSON; got charset '\(charset)'.", headers: [field: list])
        }
        return request.body
    }

    /// The `charset` parameter of a media type, lowercased and unquoted; nil when none is given.
    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            var value = pair[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.lowercased()
        }
        return nil
    }

    /// The preconditions of a write, in the order of RFC 9110 §13.2.2; each false one is a 412.
    /// `If-Match` (§13.1.1): `*` needs the item to exist; a list needs its current ETag (strong
    /// comparison) among the tags. Without it, `If-Unmodified-Since` (§13.1.4) against the
    /// `Last-Modified` GET serves (the data's last change). `If-None-Match` (§13.1.2): `*` needs
    /// the item to be absent (create-only PUT); a list must not hold its ETag (weak comparison).
    static func preconditions(_ request: HTTPRequest, api: ArchiveAPI) throws(Problem) -> WritePrecondition {
        let ifMatch = ifMatch(request)
        var unmodifiedSince: WritePrecondition = { _ in true }
        if request.headers[.ifMatch] == nil, let text = request.headers[.ifUnmodifiedSince], let date = HTTPDateText.parse(text),
           let modified = api.state().lastModified {
            unmodifiedSince = { current in current == nil || modified <= date }
        }
        let ifNoneMatch = ifNoneMatch(request)
        return { current in ifMatch(current) && unmodifiedSince(current) && ifNoneMatch(current) }
    }

    static func ifMatch(_ request: HTTPRequest) -> WritePrecondition {
        let values = request.headers.values(.ifMatch)
        guard !values.isEmpty else { return { _ in true } }
        // A tag of the gzip'd representation names the same version as the identity tag.
        guard let tags = EntityTag.list(values)?.map(EntityTag.identity(of:)) else { return { $0 != nil } }
        return { current in
            guard let current else { return false }
            let tag = EntityTag.strong(for: current)
            return tags.contains { EntityTag.strongMatch($0, tag) }
        }
    }

    static func ifNoneMatch(_ request: HTTPRequest) -> WritePrecondition {
        let values = request.headers.values(.ifNoneMatch)
        guard !values.isEmpty else { return { _ in true } }
        guard let tags = EntityTag.list(values)?.map(EntityTag.identity(of:)) else { return { $0 == nil } }
        return { current in
            guard let current else { return true }
            let tag = EntityTag.strong(for: current)
            return !tags.contains { EntityTag.opaque($0) == EntityTag.opaque(tag) }
        }
    }
}

extension ArchiveAPI {
    /// The answer to a successful write: the item as GET now serves it, its ETag and `Location`
    /// (none for a delete: 204). Cached answers and the data state are dropped first, so no
    /// reader sees the old version after this answer.
    func written(_ outcome: WriteOutcome, status: HTTPStatus) -> HTTPResponse {
        invalidateState(after: outcome.revision, rendered: outcome.rendered)
        let href = Reference.href(outcome.item.type, outcome.item.id)
        guard let body = outcome.body, status != .noContent else {
            return HTTPResponse(status: .noContent)
        }
        var response = HTTPResponse.json(body, status: status)
        response.headers.set(.etag, EntityTag.strong(for: body))
        if status == .created { response.headers.set(.location, href) }
        response.headers.set(.contentLocation, href)
        response.headers.set(.cacheControl, "no-store")
        return response
    }
}
