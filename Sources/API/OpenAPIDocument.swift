import Server
import Store
import Support

/// The OpenAPI 3.1 description of the API (`docs/openapi.json`, compiled in by
/// `scripts/embed-resources`), served at `GET /openapi.json`.
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(text.utf8)
    static let value: JSONValue = (try? JSONParser.parse(bytes)) ?? .null
}
