import Server
import Store
import Support

/// `GET /v1` (the index), `/healthz`, `/readyz` and `/openapi.json`.
enum IndexRoutes {
    static let archiveName = "Archive of the Soviet deportations from Lithuania, Latvia and Estonia"
    static let terms = """
        The archive's own data (its structure, summaries and notes) may be reused under the Creative Commons \
        Attribution-ShareAlike 4.0 licence (CC BY-SA 4.0), citing the archive and its revision. Every fact names \
        the source it rests on; text quoted from a source remains under that source's terms.
        """

    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["pretty"])
            return Representation.json(try index(api), pretty: try Representation.isPretty(parameters))
        }
        router.add(.GET, "/healthz") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            var response = Representation.json(["status": "ok"], pretty: false)
            response.headers.set(.cacheControl, "no-store")
            return response
        }
        router.add(.GET, "/readyz") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            if api.settings.primaryURL != nil { return ReplicaReadiness.response(api) }
            let ready = (try? api.archive.hasItems()) != nil
            var response = ready
                ? Representation.json(["status": "ready"], pretty: false)
                : Problem(status: .serviceUnavailable, detail: "The database does not answer.").response()
            response.headers.set(.cacheControl, "no-store")
            return response
        }
        router.add(.GET, "/openapi.json") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["pretty"])
            let kinds = try api.archive.kinds(of: OpenAPIDocument.kindParameters.map { type, _ in type })
            return OpenAPIDocument.served(kinds: kinds, pretty: try Representation.isPretty(parameters))
        }
    }

    static func index(_ api: ArchiveAPI) throws -> JSONValue {
        let state = api.state()
        let counts = try api.archive.itemCountsByType()
        var collections = JSONObject()
        for type in ItemType.allCases {
            let count = counts.first { $0.type == type.rawValue }?.count ?? 0
            collections[type.collection] = ["href": .string(ResourcePath.collection(type.collection)), "count": .int(count)]
        }
        let modified: JSONValue = state.lastModified.map { .string(UTCTimestamp.format(seconds: Int($0), milliseconds: nil)) } ?? .null
        return [
            "name": .string(archiveName),
            "version": .string(api.settings.version),
            "revision": .int(Int64(state.revision)),
            "last_modified": modified,
            "cite_as": .string("\(archiveName), data revision \(state.revision) (archive-server \(api.settings.version)). Cite each fact together with the source the archive gives for it."),
            "terms_of_reuse": .string(terms),
            "license": ["name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"],
            "collections": .object(collections),
            "links": [
                "self": "/v1",
                "search": "/v1/search{?q,types,limit,cursor}",
                "timeline": "/v1/timeline{?from,to,types,limit,cursor}",
                "export": "/v1/export",
                "openapi": "/openapi.json",
            ],
        ]
    }
}
