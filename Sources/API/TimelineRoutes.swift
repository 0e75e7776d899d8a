import Server
import Store
import Support

/// `GET /v1/timeline` and `GET /v1/documents/<id>/dating`.
enum TimelineRoutes {
    /// The entry kinds that stand for each item type in `types=`.
    static let kindsOfType: [ItemType: [String]] = [
        .document: ["document", "copy-received"],
        .event: ["event"],
        .institution: ["institution-founded", "institution-dissolved", "institution-active"],
        .person: ["person-born", "person-died", "position-started", "position-ended", "position-attested"],
    ]

    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/timeline") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["from", "to", "types", "limit", "cursor", "pretty"])
            let (from, to) = try parameters.dateWindow()
            let kinds = try entryKinds(parameters)
            let limit = try parameters.integer("limit", in: 1...500, default: 50)
            let scope = "timeline&from=\(parameters["from"] ?? "")&to=\(parameters["to"] ?? "")&types=\(parameters["types"] ?? "")"
            let after = try parameters["cursor"].map { cursor throws(Problem) in try api.cursors.decode(cursor, scope: scope) }
            let (page, total) = try api.archive.timeline(from: from?.earliest, to: to?.latest, kinds: kinds, limit: limit, after: after)
            return PageResponse.make(request, items: page.items, total: total, limit: limit, next: page.next, scope: scope,
                                     api: api, pretty: try Representation.isPretty(parameters))
        }
        router.add(.GET, "/v1/documents/:id/dating") { request, context in
            let parameters = try QueryParameters(request, allowed: ["pretty"])
            let id = try context.parameters.require("id")
            guard ItemID.isValid(id), let analysis = try api.archive.storedDating(documentID: id) else {
                // A deleted document's analysis is gone with it (410, as the document itself).
                if ItemID.isValid(id), case .deleted(let revision) = try WriteRoutes.perform(.document, id, { try api.archive.itemState(.document, id: id) }) {
                    throw WriteProblems.problem(.gone(revision: revision), type: .document, id: id)
                }
                throw try CollectionRoutes.missingItem(id, type: .document, api: api)
            }
            return Representation.stored(analysis, pretty: try Representation.isPretty(parameters))
        }
    }

    /// `types=`: item types (document, person, …) and entry kinds (person-born, …), any of which matches.
    static func entryKinds(_ parameters: QueryParameters) throws(Problem) -> Set<String>? {
        guard let names = try parameters.list("types") else { return nil }
        var kinds = Set<String>()
        for name in names {
            if let type = ItemType(rawValue: name) ?? ItemType(collection: name) {
                kinds.formUnion(kindsOfType[type] ?? [])
            } else if Timeline.kinds.contains(name) {
                kinds.insert(name)
            } else {
                let suggestion = NearestNames.suggestion(for: name, in: ["document", "event", "institution", "person"] + Timeline.kinds)
                throw Problem.invalidParameter("types", detail: "'\(name)' is neither an item type (document, event, institution, person) nor an entry kind (\(Timeline.kinds.joined(separator: ", "))).\(suggestion)")
            }
        }
        return kinds
    }
}
