import FoundationEssentials
import Testing
@testable import API
@testable import Server
import Store
import Support

/// `docs/openapi.json` as served at `GET /openapi.json`: well-formed OpenAPI 3.1 whose references
/// resolve, that describes every route of the router, and whose names match the code's.
/// No network and no Python: `scripts/validate-openapi` checks it against the specification.
@Suite struct OpenAPIDocumentTests {
    /// The router's table (`ArchiveAPI.makeRouter`), as registered. `routerTable_MatchesThisList`
    /// keeps it honest; a route added to the router must be added here and to the document.
    static let routerPatterns: [String] = [
        "/v1", "/healthz", "/readyz", "/openapi.json",
        "/v1/:collection", "/v1/:collection/:id",
        "/v1/search", "/v1/timeline", "/v1/documents/:id/dating", "/v1/export",
        "/", "/metrics",
        "/v1/:collection/:id/revisions", "/v1/:collection/:id/revisions/:revision", "/v1/changes", "/v1/import",
        "/v1/replication/snapshot", "/v1/replication/changes",
    ]

    /// Routes the document describes ahead of the router (being built now); when one lands it
    /// moves to ``routerPatterns`` (the test says so).
    static let describedAhead: [String] = []

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    // MARK: - Well-formed

    @Test func document_ParsesAsJSON_AndIsOpenAPI31() throws {
        let parsed = try JSONParser.parse(OpenAPIDocument.bytes)
        #expect(parsed == OpenAPIDocument.value)
        let root = try #require(OpenAPIDocument.value.objectValue, "the document is not a JSON object")
        #expect(root["openapi"]?.stringValue == "3.1.0")
        #expect(root["jsonSchemaDialect"]?.stringValue == "https://spec.openapis.org/oas/3.1/dialect/base")
        let info = try #require(root["info"]?.objectValue)
        #expect(info["title"]?.stringValue?.isEmpty == false)
        #expect(info["version"]?.stringValue == APISettings().version)
        #expect((info["description"]?.stringValue?.utf8.count ?? 0) > 1000, "info.description should record the contract's open choices")
        for name in ["DateObject", "Reference", "Problem", "ListPage", "ListItem", "Document", "Person", "Institution", "Event",
                     "Place", "Source", "SearchHit", "TimelineEntry", "DatingAnalysis", "GeoJSONFeatureCollection"] {
            #expect(root["components"]?.objectValue?["schemas"]?.objectValue?[name] != nil, "components/schemas lacks \(name)")
        }
    }

    @Test func everyReference_ResolvesInsideTheDocument() throws {
        var references: [(pointer: String, at: String)] = []
        Self.collectReferences(OpenAPIDocument.value, at: "#", into: &references)
        #expect(references.count > 100)
        for reference in references {
            #expect(reference.pointer.hasPrefix("#/"), "\(reference.at): only references inside the document: \(reference.pointer)")
            #expect(Self.resolve(reference.pointer) != nil, "\(reference.at): \(reference.pointer) does not resolve")
        }
    }

    @Test func everyOperation_HasAnOperationID_AndResponses() throws {
        var operationIDs: [String] = []
        for (path, item) in try Self.paths() {
            for method in Self.methods {
                guard let operation = item[method]?.objectValue else { continue }
                let id = operation["operationId"]?.stringValue
                #expect(id?.isEmpty == false, "\(method) \(path) has no operationId")
                if let id { operationIDs.append(id) }
                let responses = operation["responses"]?.objectValue
                #expect((responses?.count ?? 0) > 0, "\(method) \(path) has no responses")
                for (status, response) in responses ?? JSONObject() {
                    let resolved = Self.resolved(response)
                    #expect(resolved?["description"]?.stringValue != nil, "\(method) \(path) \(status): no description")
                }
            }
        }
        #expect(Set(operationIDs).count == operationIDs.count, "duplicate operationIds")
    }

    @Test func everyPathParameter_IsDeclared() throws {
        for (path, item) in try Self.paths() {
            let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) })
            for method in Self.methods {
                guard let operation = item[method]?.objectValue else { continue }
                let declared = (Self.parameters(item["parameters"]) + Self.parameters(operation["parameters"]))
                    .filter { $0["in"]?.stringValue == "path" }
                let names = Set(declared.compactMap { $0["name"]?.stringValue })
                #expect(names == templated, "\(method) \(path): path parameters \(names.sorted()) ≠ template \(templated.sorted())")
                for parameter in declared {
                    #expect(parameter["required"] == .bool(true), "\(method) \(path): path parameter must be required")
                }
            }
        }
    }

    // MARK: - Every route described

    @Test func everyRoute_IsDescribed_WithGetHeadAndOptions() throws {
        let paths = try Self.paths()
        let routes = try Self.withAPI { api in Self.routerTable(api) }
        for pattern in Self.routerPatterns + Self.describedAhead {
            // HEAD goes wherever GET does; a write-only route (POST /v1/import) has OPTIONS alone.
            let readable = routes.contains { $0.pattern == pattern && $0.method == "GET" } || Self.describedAhead.contains(pattern)
            for path in Self.documentPaths(for: pattern) {
                let item = try #require(paths[path]?.objectValue, "the document does not describe \(path) (route \(pattern))")
                for method in readable ? ["get", "head", "options"] : ["options"] {
                    #expect(item[method] != nil, "\(path) lacks \(method)")
                }
            }
        }
    }

    @Test func routerTable_MatchesThisList() throws {
        let routes = try Self.withAPI { api in Self.routerTable(api) }
        #expect(!routes.isEmpty, "could not read the router's table")
        let patterns = Set(routes.map(\.pattern))
        for pattern in patterns.subtracting(Self.routerPatterns) {
            let note = Self.describedAhead.contains(pattern) ? " (it was in describedAhead: move it)" : ""
            Issue.record("the router has \(pattern) but routerPatterns does not\(note); describe it in docs/openapi.json")
        }
        for pattern in Set(Self.routerPatterns).subtracting(patterns) {
            Issue.record("routerPatterns lists \(pattern) but the router has no such route")
        }
        let paths = try Self.paths()
        for route in routes {
            for path in Self.documentPaths(for: route.pattern) {
                #expect(paths[path]?.objectValue?[route.method.lowercased()] != nil,
                        "the document lacks \(route.method) \(path) (route \(route.pattern))")
            }
        }
    }

    @Test func servedDocument_IsTheEmbeddedText() throws {
        try Self.withAPI { api in
            let responder = api.makeResponder(logFormat: .none)
            let response = responder.respond(to: HTTPRequest(method: .GET, target: "/openapi.json"), context: RequestContext(requestID: "t"))
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/vnd.oai.openapi+json")
            guard case .bytes(let bytes) = response.body else { Issue.record("not a bytes body"); return }
            #expect(bytes == OpenAPIDocument.bytes)
        }
    }

    // MARK: - Names match the code

    @Test func collectionParameters_MatchTheCode() throws {
        let paths = try Self.paths()
        for type in ItemType.allCases {
            let operation = try #require(paths["/v1/\(type.collection)"]?.objectValue?["get"]?.objectValue)
            let query = Self.parameters(operation["parameters"]).filter { $0["in"]?.stringValue == "query" }
            let names = Set(query.compactMap { $0["name"]?.stringValue })
            let expected = CollectionRoutes.listParameters(for: type)
            #expect(names == expected, "\(type.collection): the document lists \(names.sorted()), the code takes \(expected.sorted())")

            func enumeration(_ name: String) -> Set<String> {
                let parameter = query.first { $0["name"]?.stringValue == name }
                var schema = Self.resolved(parameter?["schema"] ?? .null)
                if schema?["type"]?.stringValue == "array" { schema = Self.resolved(schema?["items"] ?? .null) }
                return Set((schema?["enum"]?.arrayValue ?? []).compactMap(\.stringValue))
            }
            let sorts = Array(CollectionQuery.sortFields(for: type).keys)
            #expect(enumeration("sort") == Set(sorts + sorts.map { "-" + $0 }), "\(type.collection): sort values")
            #expect(enumeration("facets") == Set(CollectionQuery.facetNames(for: type)), "\(type.collection): facet names")
            let geo = type == .place || type == .event
            #expect(enumeration("format") == Set(["json", "csv", "ndjson"] + (geo ? ["geojson"] : [])), "\(type.collection): formats")

            let content = Self.resolved(operation["responses"]?.objectValue?["200"] ?? .null)?["content"]?.objectValue
            for (media, format) in Formats.mediaTypes where format != .geojson || geo {
                #expect(content?[media] != nil, "\(type.collection): 200 lacks \(media)")
            }
            let csv = Self.resolved(content?["text/csv"]?.objectValue?["schema"] ?? .null)?["description"]?.stringValue ?? ""
            #expect(csv.contains(Formats.csvHeader(type).joined(separator: ",")), "\(type.collection): CSV columns")
        }
    }

    @Test func sharedNames_MatchTheCode() throws {
        let components = try #require(OpenAPIDocument.value.objectValue?["components"]?.objectValue)
        let headers = components["headers"]?.objectValue
        #expect(headers?["Access-Control-Expose-Headers"]?.objectValue?["schema"]?.objectValue?["const"]?.stringValue == CORSMiddleware.exposedHeaders)
        #expect(headers?["Access-Control-Allow-Headers"]?.objectValue?["schema"]?.objectValue?["const"]?.stringValue == CORSMiddleware.allowedHeaders)
        #expect(headers?["Cache-Control"]?.objectValue?["example"]?.stringValue == APISettings().cacheControl)
        let invalid = components["responses"]?.objectValue?["InvalidParameter"]?.objectValue?["content"]?.objectValue?["application/problem+json"]?
            .objectValue?["example"]?.objectValue
        let problem = Problem.invalidParameter("limit", detail: "")
        #expect(invalid?["type"]?.stringValue == problem.type)
        #expect(invalid?["title"]?.stringValue == problem.title)
        let itemTypes = components["schemas"]?.objectValue?["ItemType"]?.objectValue?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(itemTypes == ItemType.allCases.map(\.rawValue))
        let timelineKinds = components["schemas"]?.objectValue?["TimelineEntry"]?.objectValue?["properties"]?.objectValue?["kind"]?
            .objectValue?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(timelineKinds == Timeline.kinds)
    }

    // MARK: - Helpers

    /// The document's `paths` object.
    static func paths() throws -> JSONObject {
        try #require(OpenAPIDocument.value.objectValue?["paths"]?.objectValue, "the document has no paths")
    }

    /// The document's paths for a router pattern: `:collection` becomes each collection, `:name` `{name}`.
    static func documentPaths(for pattern: String) -> [String] {
        let templated = pattern.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        guard templated.contains("{collection}") else { return [templated] }
        return ItemType.allCases.map { templated.replacing("{collection}", with: $0.collection) }
    }

    /// Every `$ref` in `value`, with where it stands.
    static func collectReferences(_ value: JSONValue, at location: String, into references: inout [(pointer: String, at: String)]) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if key == "$ref", let pointer = member.stringValue { references.append((pointer, location)) }
                collectReferences(member, at: location + "/" + key, into: &references)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collectReferences(element, at: location + "/\(index)", into: &references) }
        default:
            break
        }
    }

    /// The value at a local reference `#/a/b~1c` (RFC 6901), or nil.
    static func resolve(_ pointer: String) -> JSONValue? {
        guard pointer.hasPrefix("#") else { return nil }
        var value = OpenAPIDocument.value
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = String(token).replacing("~1", with: "/").replacing("~0", with: "~")
            switch value {
            case .object(let object): guard let next = object[key] else { return nil }; value = next
            case .array(let elements): guard let index = Int(key), elements.indices.contains(index) else { return nil }; value = elements[index]
            default: return nil
            }
        }
        return value
    }

    /// An object with its `$ref` followed (repeatedly).
    static func resolved(_ value: JSONValue) -> JSONObject? {
        var value = value
        for _ in 0..<10 {
            guard let pointer = value.objectValue?["$ref"]?.stringValue else { return value.objectValue }
            guard let target = resolve(pointer) else { return nil }
            value = target
        }
        return nil
    }

    /// The parameter objects of a `parameters` list, references followed.
    static func parameters(_ list: JSONValue?) -> [JSONObject] {
        (list?.arrayValue ?? []).compactMap { resolved($0) }
    }

    /// An API over the embedded archive in a temporary database.
    static func withAPI<T>(_ body: (ArchiveAPI) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-tests-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archive = try Archive.open(path: directory + "/archive.sqlite", readerCount: 1)
        defer { archive.close() }
        return try body(try ArchiveAPI(archive: archive, settings: APISettings()))
    }

    /// The (method, pattern) pairs registered on the API's router.
    static func routerTable(_ api: ArchiveAPI) -> [(method: String, pattern: String)] {
        api.makeRouter().routes.map { ($0.method.rawValue, $0.pattern) }
    }
}
