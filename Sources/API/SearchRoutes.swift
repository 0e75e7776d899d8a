import Server
import Store
import Support

/// `GET /v1/search`: ranked hits across collections, paginated like a collection.
enum SearchRoutes {
    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/search") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["q", "types", "sources", "limit", "cursor", "pretty"])
            guard let text = parameters["q"] else {
                throw Problem.invalidParameter("q", detail: "'q' is required: the words to search for.")
            }
            guard text.utf8.count <= 1000 else { throw Problem.invalidParameter("q", detail: "'q' is longer than 1,000 bytes.") }
            let types = try itemTypes(parameters)
            let limit = try parameters.integer("limit", in: 1...500, default: 20)
            let sources = try sourceOrder(parameters)
            let scope = "search&q=\(text)&types=\(parameters["types"] ?? "")&sources=\(sources.rawValue)"
            let after = try parameters["cursor"].map { cursor throws(Problem) in try api.cursors.decode(cursor, scope: scope) }
            let (page, total) = try api.archive.search(text, types: types, limit: limit, after: after, sources: sources)
            return PageResponse.make(request, items: page.items, total: total, limit: limit, next: page.next, scope: scope,
                                     api: api, pretty: try Representation.isPretty(parameters), extra: [("query", .string(text))])
        }
    }

    /// `sources=last` (the default: sources after the archive's own items) or `sources=ranked`.
    static func sourceOrder(_ parameters: QueryParameters) throws(Problem) -> Search.SourceOrder {
        guard let value = parameters["sources"] else { return .last }
        guard let order = Search.SourceOrder(rawValue: value) else {
            throw Problem.invalidParameter("sources", detail: "'sources' is 'last' (the default: sources after the archive's own items) or 'ranked' (among them by relevance), not '\(value)'.")
        }
        return order
    }

    /// `types=document,person` (singular or collection names); nil when absent.
    static func itemTypes(_ parameters: QueryParameters) throws(Problem) -> Set<ItemType>? {
        guard let names = try parameters.list("types") else { return nil }
        var types = Set<ItemType>()
        for name in names {
            guard let type = ItemType(rawValue: name) ?? ItemType(collection: name) else {
                let names = ItemType.allCases.map(\.rawValue)
                let suggestion = NearestNames.suggestion(for: name, in: names + ItemType.allCases.map(\.collection), limit: 1)
                throw Problem.invalidParameter("types", detail: "'\(name)' is not a type.\(suggestion) Types: \(names.joined(separator: ", ")).")
            }
            types.insert(type)
        }
        return types
    }
}

/// The page envelope shared by collections, search and the timeline.
enum PageResponse {
    /// `{…extra, items, total, limit, next_cursor, links, …trailing}` and the `Link` header of the next page.
    static func make(_ request: HTTPRequest, items: [JSONValue], total: Int?, limit: Int, next: [JSONValue]?, scope: String,
                     api: ArchiveAPI, pretty: Bool, extra: [(String, JSONValue)] = [],
                     trailing: [(String, JSONValue)] = []) -> HTTPResponse {
        let nextCursor = next.map { api.cursors.encode($0, scope: scope) }
        let nextLink = nextCursor.map { CollectionRoutes.link(request, replacingCursorWith: $0) }
        var body = JSONObject(extra)
        body["items"] = .array(items)
        if let total { body["total"] = .int(Int64(total)) }
        body["limit"] = .int(Int64(limit))
        body["next_cursor"] = JSONValue(nextCursor)
        body["links"] = ["self": .string(request.target), "next": JSONValue(nextLink)]
        for (key, value) in trailing { body[key] = value }
        var response = Representation.json(.object(body), pretty: pretty)
        if let nextLink { response.headers.set(.link, "<\(nextLink)>; rel=\"next\"") }
        return response
    }
}
