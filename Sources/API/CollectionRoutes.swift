import Server
import Store
import Support

/// `GET /v1/<collection>` (a page, or every row as CSV/NDJSON/GeoJSON) and `GET /v1/<collection>/<id>`.
enum CollectionRoutes {
    static let dateParameters: Set<String> = ["from", "to", "date_match"]

    /// The query parameters a listing takes: the date window only on dated collections.
    static func listParameters(for type: ItemType) -> Set<String> {
        let common: Set<String> = ["limit", "cursor", "sort", "q", "facets", "format", "pretty"]
        return common.union(CollectionQuery.filterNames(for: type)).union(CollectionQuery.isDated(type) ? dateParameters : [])
    }

    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/:collection") { request, context in
            try list(request, type: try collection(context), api: api)
        }
        router.add(.GET, "/v1/:collection/:id") { request, context in
            let type = try collection(context)
            let id = try context.parameters.require("id")
            let parameters = try QueryParameters(request, allowed: ["pretty"])
            guard ItemID.isValid(id), let item = try api.archive.storedItem(id, type: type) else {
                if ItemID.isValid(id), case .deleted(let revision) = try WriteRoutes.perform(type, id, { try api.archive.itemState(type, id: id) }) {
                    throw WriteProblems.problem(.gone(revision: revision), type: type, id: id)
                }
                throw try missingItem(id, type: type, api: api)
            }
            return Representation.stored(item, pretty: try Representation.isPretty(parameters))
        }
    }

    static func collection(_ context: RequestContext) throws(Problem) -> ItemType {
        let name = try context.parameters.require("collection")
        guard let type = ItemType(collection: name) else {
            let known = ItemType.allCases.map(\.collection)
            // A mistyped collection or a mistyped sibling route (`/v1/serch`) lands here.
            let suggestion = NearestNames.suggestion(for: name, in: known + ["search", "timeline", "export", "changes"])
            throw Problem.notFound(detail: "There is no collection '\(name)'.\(suggestion) The collections are \(known.joined(separator: ", ")).")
        }
        return type
    }

    static func list(_ request: HTTPRequest, type: ItemType, api: ArchiveAPI) throws -> HTTPResponse {
        let filterNames = CollectionQuery.filterNames(for: type)
        // The date parameters are read everywhere so that an undated collection can say why it refuses them.
        let parameters = try QueryParameters(request, allowed: listParameters(for: type).union(dateParameters))
        let format = try Formats.negotiate(request, parameters: parameters, type: type)
        var query = CollectionQuery(type: type)
        for name in filterNames {
            if let values = try parameters.list(name) { query.filters.append((name, values)) }
        }
        if let kinds = query.filters.first(where: { $0.name == "kind" })?.values { try checkKinds(kinds, type: type, api: api) }
        query.text = parameters["q"]
        if let text = query.text, text.utf8.count > 1000 {
            throw Problem.invalidParameter("q", detail: "'q' is longer than 1,000 bytes.")
        }
        let (from, to) = try parameters.dateWindow()
        query.from = from?.earliest?.dayNumber
        query.to = to?.latest?.dayNumber
        if !CollectionQuery.isDated(type), let name = ["from", "to", "date_match"].first(where: { parameters[$0] != nil }) {
            throw Problem.invalidParameter(name, detail: "\(type.collection) are not dated; 'from', 'to' and 'date_match' apply to documents, events, institutions and persons.")
        }
        query.within = try parameters.choice("date_match", ["overlaps", "within"]) == "within"
        let sortFields = CollectionQuery.sortFields(for: type)
        let sortText = parameters["sort"] ?? "id"
        let sortName = sortText.hasPrefix("-") ? String(sortText.dropFirst()) : sortText
        guard let sort = sortFields[sortName] else {
            let suggestion = NearestNames.suggestion(for: sortName, in: sortFields.keys.sorted())
            throw Problem.invalidParameter("sort", detail: "'sort' must be one of \(sortFields.keys.sorted().joined(separator: ", ")) (prefix - for descending); got '\(sortText)'.\(suggestion)")
        }
        query.sort = sort
        query.descending = sortText.hasPrefix("-")
        let facetNames = try parameters.list("facets") ?? []
        let allowedFacets = CollectionQuery.facetNames(for: type)
        for name in facetNames where !allowedFacets.contains(name) {
            let suggestion = NearestNames.suggestion(for: name, in: allowedFacets)
            throw Problem.invalidParameter("facets", detail: "'\(name)' is not a facet of \(type.collection).\(suggestion) The facets are: \(allowedFacets.joined(separator: ", ")).")
        }

        if format != .json {
            let chosenBy = parameters["format"] != nil ? "format=\(format.rawValue)" : "Accept: \(Formats.mediaType(of: format))"
            for name in ["limit", "cursor", "facets", "pretty"] where parameters[name] != nil {
                throw Problem.invalidParameter(name, detail: "'\(name)' applies to JSON pages only; \(chosenBy) returns every matching row (format=json, or Accept: application/json, for pages).")
            }
            return Formats.stream(query, format: format, api: api)
        }
        query.limit = try parameters.integer("limit", in: 1...500, default: 50)
        let scope = cursorScope(request, parameters: parameters, type: type)
        if let cursor = parameters["cursor"] { query.after = try api.cursors.decode(cursor, scope: scope) }
        let pretty = try Representation.isPretty(parameters)
        let (page, facets) = try api.archive.page(query, facetNames: facetNames)
        var response = PageResponse.make(request, items: page.items, total: page.total, limit: query.limit, next: page.next,
                                         scope: scope, api: api, pretty: pretty,
                                         trailing: facets.map { [("facets", .object($0))] } ?? [])
        response.headers.set(.vary, HTTPFieldName.accept.rawValue)
        return response
    }

    /// A 400 for a kind the collection's items do not have (the kinds are the data's own), naming
    /// the nearest and every kind there is.
    static func checkKinds(_ values: [String], type: ItemType, api: ArchiveAPI) throws {
        let kinds = try api.archive.kinds(of: type)
        for value in values where !kinds.contains(value) {
            let known = kinds.isEmpty ? "No \(type.rawValue) has a kind yet." : "The kinds of \(type.collection) are: \(kinds.joined(separator: ", "))."
            throw Problem.invalidParameter("kind", detail: "No \(type.rawValue) is of kind '\(value)'.\(NearestNames.suggestion(for: value, in: kinds)) \(known)")
        }
    }

    /// The 404 for an id that is not in `type`'s collection: it names the item's collection when
    /// the id is another type's, else the nearest ids of this collection.
    static func missingItem(_ id: String, type: ItemType, api: ArchiveAPI) throws -> Problem {
        let (elsewhere, ids) = try api.archive.typeAndIDs(ofItem: id, checkingType: ItemID.isValid(id), collection: type)
        var detail = "There is no \(type.rawValue) with id '\(id)'."
        if let elsewhere, elsewhere != type {
            detail += " '\(id)' is \(elsewhere == .event || elsewhere == .institution ? "an" : "a") \(elsewhere.rawValue): \(Reference.href(elsewhere, id))."
        } else {
            detail += NearestNames.suggestion(for: id, in: ids)
        }
        return Problem.notFound(detail: detail)
    }

    /// What a cursor is bound to: the collection and every parameter but `cursor`, `limit` and `pretty`.
    static func cursorScope(_ request: HTTPRequest, parameters: QueryParameters, type: ItemType) -> String {
        var scope = type.collection
        for name in listParameters(for: type).sorted() where !["cursor", "limit", "pretty"].contains(name) {
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
