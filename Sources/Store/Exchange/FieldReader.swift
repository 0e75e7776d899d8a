import Support

/// Reads the members of one JSON object of the import format, recording every problem (wrong
/// type, missing member, unknown member, bad date, dangling reference) instead of stopping at
/// the first, so that a whole file or body is judged at once.
struct FieldReader {
    let object: JSONObject
    let pointer: String
    let problems: ProblemList
    let references: ReferenceChecker
    private var known: Set<String> = []

    init(_ object: JSONObject, pointer: String, problems: ProblemList, references: ReferenceChecker) {
        self.object = object
        self.pointer = pointer
        self.problems = problems
        self.references = references
    }

    /// Reads `value` as an object, or records that it is not one.
    static func make(_ value: JSONValue, pointer: String, problems: ProblemList, references: ReferenceChecker) -> FieldReader? {
        guard case .object(let object) = value else {
            problems.add(pointer, "expected an object, found \(value.typeName)")
            return nil
        }
        return FieldReader(object, pointer: pointer, problems: problems, references: references)
    }

    func path(_ key: String) -> String { pointer + "/" + pointerToken(key) }

    private mutating func lookup(_ key: String, required: Bool) -> JSONValue? {
        known.insert(key)
        guard let value = object[key] else {
            if required { problems.add(path(key), "is required") }
            return nil
        }
        if value.isNull {
            if required { problems.add(path(key), "must not be null") }
            return nil
        }
        return value
    }

    /// A string member; empty or whitespace-only strings are refused where the member is required.
    mutating func string(_ key: String, required: Bool = false, maxLength: Int = 100_000) -> String? {
        guard let value = lookup(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            problems.add(path(key), "expected a string, found \(value.typeName)")
            return nil
        }
        if required, text.allSatisfy(\.isWhitespace) {
            problems.add(path(key), "must not be empty")
            return nil
        }
        if text.utf8.count > maxLength {
            problems.add(path(key), "is longer than \(maxLength) bytes")
            return nil
        }
        return text
    }

    mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = lookup(key, required: required) else { return nil }
        guard case .bool(let flag) = value else {
            problems.add(path(key), "expected true or false, found \(value.typeName)")
            return nil
        }
        return flag
    }

    /// A number member kept as written: an integer, or a fraction.
    mutating func number(_ key: String, integerOnly: Bool = false) -> SQLValue? {
        guard let value = lookup(key, required: false) else { return nil }
        switch value {
        case .int(let number): return .integer(number)
        case .double(let number) where !integerOnly: return .real(number)
        default:
            problems.add(path(key), "expected \(integerOnly ? "an integer" : "a number"), found \(value.typeName)")
            return nil
        }
    }

    /// A member that is an integer or a string (a source's `year`).
    mutating func integerOrString(_ key: String) -> SQLValue? {
        guard let value = lookup(key, required: false) else { return nil }
        switch value {
        case .int(let number): return .integer(number)
        case .string(let text): return .text(text)
        default:
            problems.add(path(key), "expected an integer or a string, found \(value.typeName)")
            return nil
        }
    }

    /// An array of strings.
    mutating func strings(_ key: String) -> [String] {
        guard let value = lookup(key, required: false) else { return [] }
        guard case .array(let elements) = value else {
            problems.add(path(key), "expected an array of strings, found \(value.typeName)")
            return []
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                problems.add(path(key) + "/\(index)", "expected a string, found \(element.typeName)")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// An array of objects, each handed to `body` with its own reader; unknown members of each
    /// are reported after `body` returns.
    mutating func objects(_ key: String, _ body: (inout FieldReader, Int) -> Void) {
        guard let value = lookup(key, required: false) else { return }
        guard case .array(let elements) = value else {
            problems.add(path(key), "expected an array, found \(value.typeName)")
            return
        }
        for (index, element) in elements.enumerated() {
            guard var reader = FieldReader.make(element, pointer: path(key) + "/\(index)", problems: problems, references: references)
            else { continue }
            body(&reader, index)
            reader.rejectUnknownMembers()
        }
    }

    /// An object member read by `body`; nil when missing or null.
    mutating func object<T>(_ key: String, required: Bool = false, _ body: (inout FieldReader) -> T) -> T? {
        guard let value = lookup(key, required: required) else { return nil }
        guard var reader = FieldReader.make(value, pointer: path(key), problems: problems, references: references) else {
            return nil
        }
        let result = body(&reader)
        reader.rejectUnknownMembers()
        return result
    }

    /// An EDTF date member, parsed; a bad date is reported with what is wrong in it.
    mutating func date(_ key: String, required: Bool = false) -> StoredDate? {
        guard let text = string(key, required: required) else { return nil }
        do {
            return StoredDate(try EDTFDate.parse(text))
        } catch {
            problems.add(path(key), "invalid EDTF date: \(error.description)")
            return nil
        }
    }

    /// A reference by id to an item of `type`; a dangling one is reported.
    mutating func reference(_ key: String, to type: ItemType, required: Bool = false) -> String? {
        guard let id = string(key, required: required) else { return nil }
        return references.check(id, as: type, at: path(key), problems: problems) ? id : nil
    }

    /// An array of references to items of `type`.
    mutating func references(_ key: String, to type: ItemType) -> [String] {
        strings(key).enumerated().compactMap { index, id in
            references.check(id, as: type, at: path(key) + "/\(index)", problems: problems) ? id : nil
        }
    }

    /// Marks `keys` as known without reading them (members handled elsewhere).
    mutating func allow(_ keys: String...) { known.formUnion(keys) }

    /// Reports every member that the format does not define.
    func rejectUnknownMembers() {
        for key in object.keys where !known.contains(key) {
            problems.add(path(key), "is not a known field")
        }
    }
}

/// A date as stored: the EDTF text and the first and last day it allows, as day numbers.
struct StoredDate {
    let edtf: String
    let earliest: Int?
    let latest: Int?

    init(_ date: EDTFDate) {
        edtf = date.edtf
        earliest = date.earliest?.dayNumber
        latest = date.latest?.dayNumber
    }

    var columns: [SQLValue] { [.text(edtf), earliest.map { .integer(Int64($0)) } ?? .null, latest.map { .integer(Int64($0)) } ?? .null] }
}

extension Optional where Wrapped == StoredDate {
    /// Three columns (edtf, earliest, latest), NULL when there is no date.
    var columns: [SQLValue] { self?.columns ?? [.null, .null, .null] }
}
