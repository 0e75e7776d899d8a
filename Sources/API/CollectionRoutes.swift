import Server
import Store

/// `GET /v1/<collection>` (a page, or every row as CSV/NDJSON/GeoJSON) and `GET /v1/<collection>/<id>`.
enum CollectionRoutes {
    static let listParameters: Set<String> = ["limit", "cursor", "sort", "q", "facets", "from", "to", "date_match", "format", "pretty"]

    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/:collection") { request, context in
            try list(request, type: try collection(context), api: api)
        }
        router.add(.GET, "/v1/:collection/:id") { request, context in
            let type = try collection(context)
            let id = try context.parameters.require("id")
            let parameters = try QueryParameters(request, allowed: ["pretty"])
            guard ItemID.isValid(id), let item = try api.read({ db in try RenderedItems.item(id, type: type, in: db) }) else {
                if ItemID.isValid(id), case .deleted(let revision) = try WriteRoutes.perform(type, id, { try api.archive.itemState(type, id: id) }) {
                    throw WriteProblems.problem(.gone(revision: revision), type: type, id: id)
                }
                throw Problem.notFound(detail: "There is no \(type.rawValue) with id '\(id)'.")
            }
            return Representation.stored(item, pretty: try Representation.isPretty(parameters))
        }
    }

    static func collection(_ context: RequestContext) throws(Problem) -> ItemType {
        let name = try context.parameters.require("collection")
        guard let type = ItemType(collection: name) else {
            let known = ItemType.allCases.map(\.collection).joined(separator: ", ")
            throw Problem.notFound(detail: "There is no collection '\(name)'. The collections are \(known).")
        }
        return type
    }

    static func list(_ request: HTTPRequest, type: ItemType, api: ArchiveAPI) throws -> HTTPResponse {
        let filterNames = CollectionQuery.filterNames(for: type)
        let parameters = try QueryParameters(request, allowed: listParameters.union(filterNames))
        let format = try Formats.negotiate(request, parameters: parameters, type: type)
        var query = CollectionQuery(type: type)
        for name in filterNames {
            if let values = try parameters.list(name) { query.filters.append((name, values)) }
        }
        query.text = parameters["q"]
        if let text = query.text, text.utf8.count > 1000 {
            throw Problem.invalidParameter("q", detail: "'q' is longer than 1,000 bytes.")
        }
        let (from, to) = try parameters.dateWindow()
        query.from = from?.earliest?.dayNumber
        query.to = to?.latest?.dayNumber
        if (from != nil || to != nil) && !CollectionQuery.isDated(type) {
            throw Problem.invalidParameter(from != nil ? "from" : "to", detail: "\(type.collection) are not dated; 'from' and 'to' apply to documents, events, institutions and persons.")
        }
        query.within = try parameters.choice("date_match", ["overlaps", "within"]) == "within"
        let sortFields = CollectionQuery.sortFields(for: type)
        let sortText = parameters["sort"] ?? "id"
        let sortName = sortText.hasPrefix("-") ? String(sortText.dropFirst()) : sortText
        guard let sort = sortFields[sortName] else {
            throw Problem.invalidParameter("sort", detail: "'sort' must be one of \(sortFields.keys.sorted().joined(separator: ", ")) (prefix - for descending); got '\(sortText)'.")
        }
        query.sort = sort
        query.descending = sortText.hasPrefix("-")
        let facetNames = try parameters.list("facets") ?? []
        let allowedFacets = CollectionQuery.facetNames(for: type)
        for name in facetNames where !allowedFacets.contains(name) {
            throw Problem.invalidParameter("facets", detail: "'\(name)' is not a facet of \(type.collection); facets: \(allowedFacets.joined(separator: ", ")).")
        }

        if format != .json {
            for name in ["limit", "cursor", "facets", "pretty"] where parameters[name] != nil {
                throw Problem.invalidParameter(name, detail: "'\(name)' applies to JSON pages only; format=\(format.rawValue) returns every matching row.")
            }
            return Formats.stream(query, format: format, api: api)
        }
        query.limit = try parameters.integer("limit", in: 1...500, default: 50)
        let scope = cursorScope(request, parameters: parameters, type: type)
        if let cursor = parameters["cursor"] { query.after = try api.cursors.decode(cursor, scope: scope) }
        let pretty = try Representation.isPretty(parameters)
        let (page, facets) = try api.read { db in
            (try Collections.page(query, in: db), facetNames.isEmpty ? nil : try Collections.facets(query, names: facetNames, in: db))
        }
        var response = PageResponse.make(request, items: page.items, total: page.total, limit: query.limit, next: page.next,
                                         scope: scope, api: api, pretty: pretty,
                                         trailing: facets.map { [("facets", .object($0))] } ?? [])
        response.headers.set("Vary", "Accept")
        return response
    }

    /// What a cursor is bound to: the collection and every parameter but `cursor`, `limit` and `pretty`.
    static func cursorScope(_ request: HTTPRequest, parameters: QueryParameters, type: ItemType) -> String {
        var scope = type.collection
        for name in (listParameters.union(CollectionQuery.filterNames(for: type))).sorted() where !["cursor", "limit", "pretty"].contains(name) {
            if let value = parameters[name] { scope += "&\(name)=\(value)" }
        }
        return scope
    }

    /// The request's own target with `cursor` set to `cursor` (the `next` link).
    static func link(_ request: HTTPRequest, replacingCursorWith cursor: String) -> String {
        var parts = (request.query ?? "").split(separator: "&").map(String.init).filter { !$0.hasPrefix("cursor=") && !$0.isEmpty && $0 != "cursor" }
        parts.append("cursor=" + cursor)
        return request.path + "?" + parts.joined(separator: "&")
    }
}
