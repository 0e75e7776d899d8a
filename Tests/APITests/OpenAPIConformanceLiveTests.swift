import Testing
@testable import API
import Support
import TestSupport

/// The OpenAPI document is the server: every GET operation of the served `/openapi.json`, sent
/// each documented query parameter with a valid value (its enum values, example or default),
/// answers 2xx with a body that validates against the documented schema; an undocumented
/// parameter is a documented 400; every example in the document is valid.
@Suite struct OpenAPIConformanceLiveTests {
    struct Operation {
        let path: String
        let parameters: [JSONObject]
        let responses: JSONObject
    }

    static let document: JSONValue = getJSON("/openapi.json").1
    static let validator = JSONSchemaSubset(root: document)

    /// The GET operations of the served document, parameters resolved (path-level ones included).
    static func getOperations() -> [Operation] {
        var operations: [Operation] = []
        for (path, item) in document["paths"]?.objectValue ?? JSONObject() {
            // The replication endpoints need a token the shared server has not: ReplicationLiveTests covers them.
            guard let get = item["get"]?.objectValue, !path.hasPrefix("/v1/replication/") else { continue }
            let parameters = ((item["parameters"]?.arrayValue ?? []) + (get["parameters"]?.arrayValue ?? [])).compactMap { resolved($0) }
            operations.append(Operation(path: path, parameters: parameters, responses: get["responses"]?.objectValue ?? JSONObject()))
        }
        return operations
    }

    static func resolved(_ value: JSONValue) -> JSONObject? {
        if let reference = value["$ref"]?.stringValue { return validator.resolve(reference)?.objectValue }
        return value.objectValue
    }

    /// The path with its templates filled: `{id}` by the collection's first item, `{revision}` by 1.
    static func target(_ path: String) -> String {
        var target = path
        if target.contains("{id}") {
            let collection = String(path.split(separator: "/")[1])
            let id = getJSON("/v1/\(collection)?limit=1").1["items"]?.array.first?["id"]?.string ?? "none"
            target = target.replacing("{id}", with: id)
        }
        return target.replacing("{revision}", with: "1")
    }

    /// Valid values of a query parameter, as sent on the wire: every enum value, the example(s), the default.
    static func values(of parameter: JSONObject, path: String) -> [String] {
        let name = parameter["name"]?.stringValue ?? ""
        if name == "cursor" { return [liveCursor(path)].compactMap { $0 } }
        var schema = parameter["schema"] ?? .null
        if let reference = schema["$ref"]?.stringValue { schema = validator.resolve(reference) ?? .null }
        var values: [JSONValue] = []
        if let example = parameter["example"] { values.append(example) }
        for (_, example) in parameter["examples"]?.objectValue ?? JSONObject() { if let value = example["value"] { values.append(value) } }
        let isArray = schema["type"]?.stringValue == "array"
        let choices = (isArray ? schema["items"]?["enum"] : schema["enum"])?.array ?? []
        values += choices.map { isArray ? .array([$0]) : $0 }
        if let defaultValue = schema["default"] { values.append(defaultValue) }
        values += schema["examples"]?.array ?? []
        if values.isEmpty {
            switch schema["type"]?.stringValue {
            case "boolean": values.append(true)
            case "integer": values.append(schema["minimum"] ?? 1)
            default: values.append("a")
            }
        }
        var wire: [String] = []
        for value in values {
            let text = serialized(value)
            if !wire.contains(text) { wire.append(text) }
        }
        return wire
    }

    /// `form` style without explode: arrays comma-separated.
    static func serialized(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): elements.map(serialized).joined(separator: ",")
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: JSONSchemaSubset.text(value)
        }
    }

    /// A real cursor of the listing at `path` (its second page), or nil when it has one page only.
    static func liveCursor(_ path: String) -> String? {
        getJSON(target(path) + "?limit=1").1["next_cursor"]?.string
    }

    /// Every way a response fails what the document says of `status` for this operation.
    static func conformance(_ response: RawClient.Response, _ operation: Operation, _ sent: String) -> [String] {
        let status = String(response.status)
        guard let documented = operation.responses[status] ?? operation.responses["\(status.prefix(1))XX"] ?? operation.responses["default"],
              let object = resolved(documented)
        else { return ["\(sent): status \(status) is not documented"] }
        let mediaType = (response.header("Content-Type") ?? "").split(separator: ";").first.map { String($0).trimmingSpaces() } ?? ""
        guard let content = object["content"]?.objectValue else {
            return response.body.isEmpty ? [] : ["\(sent): \(status) has a body but the document gives it no content"]
        }
        guard let media = content.first(where: { $0.key.split(separator: ";").first.map(String.init)?.trimmingSpaces() == mediaType })?.value else {
            return ["\(sent): \(status) as \(mediaType) is not documented (documented: \(content.keys.joined(separator: ", ")))"]
        }
        guard let schema = media["schema"] else { return [] }
        if mediaType == "application/x-ndjson" {
            let item: JSONValue = ["$ref": "#/components/schemas/ListItem"]
            return response.text.split(separator: "\n").prefix(50).flatMap { line in
                ((try? JSONParser.parse(String(line))).map { validator.errors($0, against: item) } ?? ["not JSON: \(line)"]).map { "\(sent): \($0)" }
            }
        }
        if mediaType.hasSuffix("json") {
            guard let body = try? JSONParser.parse(response.body) else { return ["\(sent): the \(mediaType) body does not parse"] }
            return validator.errors(body, against: schema).prefix(5).map { "\(sent): \($0)" }
        }
        return validator.errors(.string(response.text), against: schema).map { "\(sent): \($0)" }
    }

    @Test func theServedDocument_IsTheEmbeddedOne_AndHasGetOperations() {
        #expect(Self.document == OpenAPIDocument.value)
        #expect(Self.getOperations().count >= 20)
    }

    @Test(arguments: getOperations().map(\.path))
    func everyDocumentedParameter_WithAValidValue_IsA2xx_ThatValidates(path: String) throws {
        let operation = try #require(Self.getOperations().first { $0.path == path })
        let base = Self.target(path)
        // Required parameters (search's `q`) go with every request, as their first valid value.
        let required = operation.parameters.filter { $0["in"]?.stringValue == "query" && $0["required"] == true }
        let requiredQuery = required.compactMap { parameter in
            Self.values(of: parameter, path: path).first.map { "\(parameter["name"]?.stringValue ?? "")=\(encoded($0))" }
        }.joined(separator: "&")
        let plain = request("GET", requiredQuery.isEmpty ? base : base + "?" + requiredQuery)
        #expect((200...299).contains(plain.status), "GET \(base): \(plain.status) \(plain.text.prefix(300))")
        for problem in Self.conformance(plain, operation, "GET \(base)") { Issue.record(Comment(rawValue: problem)) }
        for parameter in operation.parameters where parameter["in"]?.stringValue == "query" {
            let name = parameter["name"]?.stringValue ?? ""
            for value in Self.values(of: parameter, path: path) {
                let others = required.contains { $0["name"]?.stringValue == name } ? "" : requiredQuery
                let sent = "\(base)?\(others.isEmpty ? "" : others + "&")\(name)=\(encoded(value))"
                let response = request("GET", sent)
                #expect((200...299).contains(response.status), "GET \(sent): \(response.status) \(response.text.prefix(300))")
                for problem in Self.conformance(response, operation, "GET \(sent)") { Issue.record(Comment(rawValue: problem)) }
            }
        }
        for parameter in operation.parameters where parameter["in"]?.stringValue == "header" {
            guard let name = parameter["name"]?.stringValue, let example = parameter["example"]?.stringValue else { continue }
            let response = request("GET", requiredQuery.isEmpty ? base : base + "?" + requiredQuery, headers: [(name, example)])
            #expect((200...299).contains(response.status), "GET \(base) with \(name): \(example): \(response.status)")
            for problem in Self.conformance(response, operation, "GET \(base) with \(name): \(example)") { Issue.record(Comment(rawValue: problem)) }
        }
    }

    @Test(arguments: getOperations().map(\.path))
    func anUndocumentedParameter_IsADocumented400_NamingIt(path: String) throws {
        let operation = try #require(Self.getOperations().first { $0.path == path })
        let documented = Set(operation.parameters.filter { $0["in"]?.stringValue == "query" }.compactMap { $0["name"]?.stringValue })
        #expect(!documented.contains("undocumented"))
        let required = operation.parameters.filter { $0["in"]?.stringValue == "query" && $0["required"] == true }
        let requiredQuery = required.compactMap { parameter in
            Self.values(of: parameter, path: path).first.map { "\(parameter["name"]?.stringValue ?? "")=\(encoded($0))&" }
        }.joined()
        let sent = Self.target(path) + "?" + requiredQuery + "undocumented=1"
        let response = request("GET", sent)
        #expect(response.status == 400, "GET \(sent): \(response.status)")
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try JSONParser.parse(response.body)
        #expect(body["parameter"]?.string == "undocumented")
        #expect(body["detail"]?.string?.contains("'undocumented'") == true)
        for problem in Self.conformance(response, operation, "GET \(sent)") { Issue.record(Comment(rawValue: problem)) }
    }

    /// The disagreements issue 14 found: places and sources are not dated, so the document lists no
    /// date parameters for them and the server refuses each, saying why.
    @Test(arguments: ["/v1/places", "/v1/sources"], ["from=1941", "to=1941", "date_match=within"])
    func undatedCollections_RefuseTheDateParameters_SayingWhy(path: String, query: String) throws {
        let (status, body) = getJSON(path + "?" + query)
        #expect(status == 400)
        #expect(body["parameter"]?.string == String(query.prefix { $0 != "=" }))
        #expect(body["detail"]?.string?.contains("not dated") == true)
    }

    /// The longest values the document allows fit in the request line once percent-encoded: a
    /// cursor of `maxLength` in its alphabet is a 400 (not a cursor), never a 414; a `q` of
    /// `maxLength` four-byte characters is 1,000 bytes, which the server takes.
    @Test func theLongestDocumentedValues_FitTheRequestLine() {
        let cursor = String(repeating: "A", count: 2000) + "." + String(repeating: "B", count: 47)
        #expect(cursor.count == 2048)
        #expect(getJSON("/v1/documents?cursor=" + cursor).0 == 400)
        let text = String(repeating: "😀", count: 250)
        #expect(getJSON("/v1/documents?q=" + encoded(text)).0 == 200)
        #expect(getJSON("/v1/search?q=" + encoded(text)).0 == 200)
        #expect(getJSON("/v1/search?q=" + encoded(text + "a")).0 == 400, "over 1,000 bytes")
    }

    /// Every `example`/`examples` in the document against the schema beside it: parameters (sent
    /// above as requests), media types (responses and request bodies), and schemas themselves.
    @Test func everyExample_ValidatesAgainstItsSchema() {
        var checked = 0
        var problems: [String] = []
        Self.walkExamples(Self.document, at: "#") { pointer, schema, example in
            checked += 1
            problems += Self.validator.errors(example, against: schema).map { "\(pointer): \($0)" }
        }
        #expect(checked > 50, "only \(checked) examples found")
        for problem in problems.prefix(30) { Issue.record(Comment(rawValue: problem)) }
    }

    /// Calls `visit` with every example and the schema it illustrates.
    static func walkExamples(_ node: JSONValue, at pointer: String, visit: (String, JSONValue, JSONValue) -> Void) {
        switch node {
        case .object(let object):
            if let schema = object["schema"] {
                var effective = schema
                // NDJSON and CSV are documented as strings; the NDJSON lines are list items.
                if pointer.hasSuffix("application~1x-ndjson") { effective = ["type": "string"] }
                if let example = object["example"] { visit(pointer + "/example", effective, example) }
                for (name, example) in object["examples"]?.objectValue ?? JSONObject() {
                    if let value = resolved(example)?["value"] { visit(pointer + "/examples/" + name, effective, value) }
                }
            }
            let isSchema = object["type"] != nil || object["properties"] != nil || object["$ref"] != nil || object["allOf"] != nil
            if isSchema, let examples = object["examples"]?.arrayValue {
                for (index, example) in examples.enumerated() { visit(pointer + "/examples/\(index)", node, example) }
            }
            for (key, value) in object {
                let escaped = key.replacing("~", with: "~0").replacing("/", with: "~1")
                walkExamples(value, at: pointer + "/" + escaped, visit: visit)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { walkExamples(element, at: pointer + "/\(index)", visit: visit) }
        default:
            break
        }
    }
}
