import Server
import Store
import Support

/// JSON answers: compact, or indented with `pretty=true`.
enum Representation {
    static func json(_ value: JSONValue, pretty: Bool, status: HTTPStatus = .ok) -> HTTPResponse {
        var bytes = JSONWriter.bytes(value, pretty: pretty)
        if pretty { bytes.append(0x0A) }
        return HTTPResponse.json(bytes, status: status)
    }

    /// A rendering stored by the writes: its bytes with their stored ETag, or re-indented.
    static func stored(_ rendering: RenderedItems.Stored, pretty: Bool) -> HTTPResponse {
        guard !pretty else { return HTTPResponse.json(JSONReindent.pretty(rendering.body) + [0x0A]) }
        var response = HTTPResponse.json(rendering.body)
        response.headers.set(.etag, rendering.etag)
        return response
    }

    /// The `pretty` parameter of any JSON resource.
    static func isPretty(_ parameters: QueryParameters) throws(Problem) -> Bool {
        try parameters.boolean("pretty", default: false)
    }
}
