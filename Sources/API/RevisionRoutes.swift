import Server
import Store
import Support

/// The history: `GET /v1/<collection>/<id>/revisions` (newest first, keyset-paged),
/// `…/revisions/<n>` (that version's body in the import format and a JSON Patch from the one
/// before), `GET /v1/changes?since=` (every change after a data revision, oldest first, for
/// mirrors), and `POST /v1/import` (a batch in the import format, all or nothing).
enum RevisionRoutes {
    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/:collection/:id/revisions") { request, context in
            let (type, id) = try WriteRoutes.item(context)
            let parameters = try QueryParameters(request, allowed: ["limit", "cursor", "pretty"])
            let limit = try parameters.integer("limit", in: 1...500, default: 50)
            let scope = "revisions \(type.collection)/\(id)"
            var before: Int?
            if let cursor = parameters["cursor"] {
                guard case .int(let value)? = try api.cursors.decode(cursor, scope: scope).first else {
                    throw Problem.invalidParameter("cursor", detail: "'cursor' is not a cursor of this listing.")
                }
                before = Int(value)
            }
            let page = try WriteRoutes.perform(type, id) { try api.archive.revisions(of: type, id: id, limit: limit, before: before) }
            let href = ResourcePath.revisions(collection: type.collection, id: id)
            return PageResponse.make(request, items: page.revisions.map { .object(entry($0, href: href)) }, total: nil, limit: limit,
                                     next: page.nextBefore.map { [.int(Int64($0))] }, scope: scope, api: api,
                                     pretty: try Representation.isPretty(parameters))
        }
        router.add(.GET, "/v1/:collection/:id/revisions/:revision") { request, context in
            let (type, id) = try WriteRoutes.item(context)
            let parameters = try QueryParameters(request, allowed: ["pretty"])
            let number = try context.parameters.require("revision", as: Int.self)
            let detail: RevisionDetail
            do { detail = try api.archive.revision(number, of: type, id: id) } catch ArchiveError.notFound {
                throw Problem.notFound(detail: "The \(type.rawValue) '\(id)' has no revision \(number).")
            } catch let error as ArchiveError {
                throw WriteProblems.problem(error, type: type, id: id)
            }
            var body = entry(detail.revision, href: ResourcePath.revisions(collection: type.collection, id: id))
            body["body"] = detail.body ?? .null
            body["diff"] = detail.diff
            return Representation.json(.object(body), pretty: try Representation.isPretty(parameters))
        }
        router.add(.GET, "/v1/changes") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["since", "limit", "cursor", "pretty"])
            let since = try parameters.integer("since", in: 0...Int(Int32.max), default: 0)
            let limit = try parameters.integer("limit", in: 1...1000, default: 100)
            let scope = "changes since=\(since)"
            var after: Int64?
            if let cursor = parameters["cursor"] {
                guard case .int(let value)? = try api.cursors.decode(cursor, scope: scope).first else {
                    throw Problem.invalidParameter("cursor", detail: "'cursor' is not a cursor of this listing.")
                }
                after = value
            }
            let page = try WriteRoutes.perform(nil, nil) { try api.archive.changes(since: since, after: after, limit: limit) }
            let items: [JSONValue] = page.changes.map { change in
                var item = entry(RevisionEntry(change), href: ResourcePath.revisions(collection: change.item.type.collection, id: change.item.id))
                item["type"] = .string(change.item.type.rawValue)
                item["id"] = .string(change.item.id)
                return .object(item.reordered(["revision", "time", "action", "type", "id", "curator", "summary", "href"]))
            }
            return PageResponse.make(request, items: items, total: nil, limit: limit,
                                     next: page.nextAfter.map { [.int($0)] }, scope: scope, api: api,
                                     pretty: try Representation.isPretty(parameters),
                                     extra: [("revision", .int(Int64(page.revision)))])
        }
        router.add(.POST, "/v1/import") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let body = try WriteRoutes.jsonBody(request, mediaTypes: ["application/json"])
            let outcome = try WriteRoutes.perform(nil, nil) {
                try api.archive.importItems(body, curator: WriteRoutes.curator(context), summary: WriteRoutes.summary(request))
            }
            api.invalidateState(after: outcome.revision, rendered: outcome.rendered)
            let items: [JSONValue] = outcome.items.map { item in
                ["type": .string(item.key.type.rawValue), "id": .string(item.key.id), "action": .string(item.action.rawValue),
                 "href": .string(Reference.href(item.key.type, item.key.id))]
            }
            var response = Representation.json(["revision": .int(Int64(outcome.revision)), "items": .array(items),
                                                "relations": .int(Int64(outcome.relations))], pretty: false)
            response.headers.set(.cacheControl, "no-store")
            return response
        }
    }

    /// `{revision, time, action, curator, summary, href}` of one version.
    static func entry(_ entry: RevisionEntry, href: String) -> JSONObject {
        ["revision": .int(Int64(entry.revision)), "time": .string(entry.time), "action": .string(entry.action.rawValue),
         "curator": .string(entry.curator), "summary": JSONValue(entry.summary), "href": .string("\(href)/\(entry.revision)")]
    }
}

extension RevisionEntry {
    /// The version a change made.
    init(_ change: Change) {
        self.init(revision: change.revision, time: change.time, action: change.action, curator: change.curator, summary: change.summary)
    }
}

extension JSONObject {
    /// The members in the order of `keys` (members not named are dropped).
    func reordered(_ keys: [String]) -> JSONObject {
        var result = JSONObject()
        for key in keys { if let value = self[key] { result[key] = value } }
        return result
    }
}
