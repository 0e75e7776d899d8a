import Server
import Store
import Support

/// The OpenAPI 3.1 description of the API (`docs/openapi.json`, compiled in by
/// `scripts/embed-resources`), served at `GET /openapi.json`.
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(text.utf8)
    static let value: JSONValue = (try? JSONParser.parse(bytes)) ?? .null

    /// The `kind` filter of each collection that has one, by its name under `components/parameters`.
    static let kindParameters: [(ItemType, String)] = [
        (.document, "documents_kind"), (.institution, "institutions_kind"), (.event, "events_kind"),
        (.place, "places_kind"), (.source, "sources_kind"),
    ]

    /// The `enum` the document gives each collection's `kind` filter (the embedded archive's kinds).
    static func documentedKinds(in document: JSONValue = value) -> [ItemType: [String]] {
        var kinds: [ItemType: [String]] = [:]
        for (type, name) in kindParameters {
            let items = document.objectValue?["components"]?.objectValue?["parameters"]?.objectValue?[name]?.objectValue?["schema"]?
                .objectValue?["items"]?.objectValue
            kinds[type] = items?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return kinds
    }

    /// The document as `kinds` (a database's own) make it: each `kind` filter's `enum` is the
    /// data's kinds, since the server refuses any other; none when the data has none.
    static func with(kinds: [ItemType: [String]]) -> JSONValue {
        var document = value
        for (type, name) in kindParameters {
            let values = kinds[type] ?? []
            document = document.replacing(["components", "parameters", name, "schema", "items"]) { items in
                guard case .object(var object) = items else { return items }
                object["enum"] = values.isEmpty ? nil : .array(values.map(JSONValue.string))
                object["minLength"] = values.isEmpty ? .int(1) : nil
                return .object(object)
            }
        }
        return document
    }

    /// What `GET /openapi.json` serves for the data: the embedded bytes while the data's kinds are
    /// the documented ones, else the document rewritten with the data's kinds.
    static func served(kinds: [ItemType: [String]], pretty: Bool) -> HTTPResponse {
        var response: HTTPResponse
        if kinds == documentedKinds() && !pretty {
            response = HTTPResponse(status: .ok, headers: [:], body: .bytes(bytes))
        } else {
            response = Representation.json(kinds == documentedKinds() ? value : with(kinds: kinds), pretty: pretty)
        }
        response.headers.set(.contentType, "application/vnd.oai.openapi+json")
        return response
    }
}

extension JSONValue {
    /// This value with the member at `path` (object keys) replaced by `transform` of it; unchanged
    /// when the path does not lead to a value.
    func replacing(_ path: ArraySlice<String>, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        guard let key = path.first else { return transform(self) }
        guard case .object(var object) = self, let member = object[key] else { return self }
        object[key] = member.replacing(path.dropFirst(), transform)
        return .object(object)
    }

    func replacing(_ path: [String], _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        replacing(path[...], transform)
    }
}
