import Support

/// A validator for the part of JSON Schema 2020-12 that `docs/openapi.json` uses: `type` (one or
/// a list, `integer` included), `$ref` inside the document, `properties`, `required`,
/// `additionalProperties`, `unevaluatedProperties` (over `allOf`/`anyOf`/`oneOf`/`$ref`),
/// `items`, `prefixItems`, `minItems`/`maxItems`, `enum`, `const`, `minimum`/`maximum`,
/// `minLength`/`maxLength`, `pattern`, `anyOf`, `allOf`, `oneOf`. Annotations (`description`,
/// `format`, `default`, `examples`) are ignored, as a validator may. A keyword it does not know
/// is reported, so the document cannot outgrow the tests unnoticed.
struct JSONSchemaSubset {
    let root: JSONValue

    static let annotations: Set<String> = ["description", "format", "default", "examples", "example", "title", "deprecated",
                                           "readOnly", "writeOnly", "$comment", "contentMediaType"]
    static let assertions: Set<String> = ["type", "$ref", "properties", "required", "additionalProperties", "unevaluatedProperties",
                                          "items", "prefixItems", "minItems", "maxItems", "enum", "const", "minimum", "maximum",
                                          "minLength", "maxLength", "pattern", "anyOf", "allOf", "oneOf"]

    /// Every way `value` fails `schema`, each as "pointer: why"; empty when it validates.
    func errors(_ value: JSONValue, against schema: JSONValue, at pointer: String = "") -> [String] {
        var evaluated = Set<String>()
        return check(value, schema, pointer, &evaluated)
    }

    /// The schema at a `#/…` pointer of the root document.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = String(token).replacing("~1", with: "/").replacing("~0", with: "~")
            guard let next = node.objectValue?[key] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ at: String, _ evaluated: inout Set<String>) -> [String] {
        if case .bool(let allowed) = schema { return allowed ? [] : ["\(at): no value is allowed here"] }
        guard let keywords = schema.objectValue else { return ["\(at): the schema is not an object"] }
        var errors: [String] = []
        for key in keywords.keys where !Self.annotations.contains(key) && !Self.assertions.contains(key) {
            errors.append("\(at): the validator does not know the keyword '\(key)'")
        }
        if let reference = keywords["$ref"]?.stringValue {
            if let target = resolve(reference) {
                errors += check(value, target, at, &evaluated)
            } else {
                errors.append("\(at): $ref \(reference) does not resolve")
            }
        }
        if let type = keywords["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !names.contains(where: { Self.has(value, type: $0) }) {
                errors.append("\(at): expected \(names.joined(separator: " or ")), found \(value.typeName)")
            }
        }
        if let choices = keywords["enum"]?.arrayValue, !choices.contains(where: { Self.equal($0, value) }) {
            errors.append("\(at): \(Self.text(value)) is not one of \(choices.map(Self.text).joined(separator: ", "))")
        }
        if let constant = keywords["const"], !Self.equal(constant, value) {
            errors.append("\(at): expected \(Self.text(constant)), found \(Self.text(value))")
        }
        errors += checkNumber(value, keywords, at)
        errors += checkString(value, keywords, at)
        errors += checkArray(value, keywords, at)
        errors += checkObject(value, keywords, at, &evaluated)
        errors += checkCombinations(value, keywords, at, &evaluated)
        if case .object(let object) = value, let unevaluated = keywords["unevaluatedProperties"] {
            for (name, member) in object where !evaluated.contains(name) {
                errors += self.errors(member, against: unevaluated, at: at + "/" + name)
                evaluated.insert(name)
            }
        }
        return errors
    }

    private func checkNumber(_ value: JSONValue, _ keywords: JSONObject, _ at: String) -> [String] {
        guard let number = Self.number(value) else { return [] }
        var errors: [String] = []
        if let minimum = keywords["minimum"].flatMap(Self.number), number < minimum { errors.append("\(at): \(number) is below \(minimum)") }
        if let maximum = keywords["maximum"].flatMap(Self.number), number > maximum { errors.append("\(at): \(number) is above \(maximum)") }
        return errors
    }

    private func checkString(_ value: JSONValue, _ keywords: JSONObject, _ at: String) -> [String] {
        guard case .string(let string) = value else { return [] }
        var errors: [String] = []
        let length = string.unicodeScalars.count
        if let minimum = keywords["minLength"].flatMap(Self.number), Double(length) < minimum { errors.append("\(at): shorter than \(Int(minimum))") }
        if let maximum = keywords["maxLength"].flatMap(Self.number), Double(length) > maximum { errors.append("\(at): longer than \(Int(maximum))") }
        if let pattern = keywords["pattern"]?.stringValue {
            if let regex = try? Regex(pattern) {
                if (try? regex.firstMatch(in: string)) == nil { errors.append("\(at): '\(string)' does not match \(pattern)") }
            } else {
                errors.append("\(at): the pattern \(pattern) does not compile")
            }
        }
        return errors
    }

    private func checkArray(_ value: JSONValue, _ keywords: JSONObject, _ at: String) -> [String] {
        guard case .array(let elements) = value else { return [] }
        var errors: [String] = []
        if let minimum = keywords["minItems"].flatMap(Self.number), Double(elements.count) < minimum { errors.append("\(at): fewer than \(Int(minimum)) items") }
        if let maximum = keywords["maxItems"].flatMap(Self.number), Double(elements.count) > maximum { errors.append("\(at): more than \(Int(maximum)) items") }
        let prefix = keywords["prefixItems"]?.arrayValue ?? []
        for (index, element) in elements.enumerated() {
            if index < prefix.count {
                errors += self.errors(element, against: prefix[index], at: "\(at)/\(index)")
            } else if let items = keywords["items"] {
                errors += self.errors(element, against: items, at: "\(at)/\(index)")
            }
        }
        return errors
    }

    private func checkObject(_ value: JSONValue, _ keywords: JSONObject, _ at: String, _ evaluated: inout Set<String>) -> [String] {
        guard case .object(let object) = value else { return [] }
        var errors: [String] = []
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            errors.append("\(at): lacks the required member '\(name)'")
        }
        let properties = keywords["properties"]?.objectValue ?? JSONObject()
        for (name, member) in object {
            if let schema = properties[name] {
                errors += self.errors(member, against: schema, at: at + "/" + name)
                evaluated.insert(name)
            } else if let additional = keywords["additionalProperties"] {
                errors += self.errors(member, against: additional, at: at + "/" + name)
                evaluated.insert(name)
            }
        }
        return errors
    }

    private func checkCombinations(_ value: JSONValue, _ keywords: JSONObject, _ at: String, _ evaluated: inout Set<String>) -> [String] {
        var errors: [String] = []
        for schema in keywords["allOf"]?.arrayValue ?? [] {
            errors += check(value, schema, at, &evaluated)
        }
        for (keyword, exactlyOne) in [("anyOf", false), ("oneOf", true)] {
            guard let branches = keywords[keyword]?.arrayValue else { continue }
            var passing = 0
            var failures: [String] = []
            for (index, schema) in branches.enumerated() {
                var branchEvaluated = Set<String>()
                let branchErrors = check(value, schema, at, &branchEvaluated)
                if branchErrors.isEmpty {
                    passing += 1
                    evaluated.formUnion(branchEvaluated)
                } else {
                    failures.append("[\(index)] " + branchErrors.prefix(3).joined(separator: "; "))
                }
            }
            if passing == 0 { errors.append("\(at): matches none of \(keyword): \(failures.joined(separator: " | "))") }
            if exactlyOne && passing > 1 { errors.append("\(at): matches \(passing) branches of oneOf") }
        }
        return errors
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("number", .int), ("number", .double), ("integer", .int): true
        case ("integer", .double(let number)): number.rounded() == number
        default: false
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// JSON equality: 1 and 1.0 are the same number.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }

    static func text(_ value: JSONValue) -> String { String(decoding: JSONWriter.bytes(value), as: UTF8.self) }
}
