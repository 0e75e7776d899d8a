import Server
import Store
import Support

/// JSON answers: compact, or indented with `pretty=true`.
enum Representation {
    static func json(_ value: JSONValue, pretty: Bool, status: Int = 200) -> HTTPResponse {
        var bytes = JSONWriter.bytes(value, pretty: pretty)
        if pretty { bytes.append(0x0A) }
        return HTTPResponse.json(bytes, status: status)
    }

    /// The `pretty` parameter of any JSON resource.
    static func isPretty(_ parameters: QueryParameters) throws(Problem) -> Bool {
        try parameters.boolean("pretty", default: false)
    }
}
