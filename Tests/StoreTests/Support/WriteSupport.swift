@testable import Store
import Support

/// A database holding `minimalArchive()` (doc-one → inst-one, both citing src-one), at revision 1.
func withMinimalArchive<T>(_ body: (Archive) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 2, seedWithEmbeddedArchive: false)
        defer { archive.close() }
        try archive.importArchive(JSONWriter.bytes(minimalArchive()))
        return try body(archive)
    }
}

/// A document body in the import format, citing src-one.
func documentBody(_ id: String, title: String = "Another order", extra: [(String, JSONValue)] = []) -> JSONValue {
    var object = JSONObject([
        ("id", .string(id)), ("title", .string(title)), ("kind", "order"), ("undated", false),
        ("summary", "A second test document."), ("source_ids", ["src-one"]),
    ])
    for (key, value) in extra { object[key] = value }
    return .object(object)
}

/// The bytes `GET /v1/<collection>/<id>` serves for the item now, or nil.
func servedBytes(_ archive: Archive, _ type: ItemType, _ id: String) throws -> [UInt8]? {
    try archive.pool.read { db in try ItemView.full(id, type: type, in: db).map { JSONWriter.bytes(.object($0)) } }
}

/// The item now, in the import format, or nil.
func storedBody(_ archive: Archive, _ id: String) throws -> JSONValue? {
    try archive.pool.read { db in try ItemLoader.load(id, from: db).map { JSONValue.object($0.1) } }
}

/// The problems of an ``ArchiveError/invalid(_:)`` thrown by `body`, or nil for any other outcome.
func problems(_ body: () throws -> Void) -> [ValidationProblem]? {
    if case .invalid(let problems)? = archiveError(body) { return problems }
    return nil
}

/// The error `body` throws, or nil.
func archiveError(_ body: () throws -> Void) -> ArchiveError? {
    do {
        try body()
        return nil
    } catch let error as ArchiveError {
        return error
    } catch {
        return .failed("not an ArchiveError: \(error)")
    }
}

/// Applies a JSON Patch (RFC 6902 add/remove/replace) to `document`: the test's own applier.
func applyJSONPatch(_ patch: JSONValue, to document: JSONValue) -> JSONValue? {
    var result = document
    for operation in patch.arrayValue ?? [] {
        guard let op = operation.objectValue?["op"]?.stringValue, let path = operation.objectValue?["path"]?.stringValue else { return nil }
        let tokens = path.isEmpty ? [] : path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).replacing("~1", with: "/").replacing("~0", with: "~") }
        guard let updated = patched(result, tokens[...], op: op, value: operation.objectValue?["value"]) else { return nil }
        result = updated
    }
    return result
}

private func patched(_ value: JSONValue, _ tokens: ArraySlice<String>, op: String, value newValue: JSONValue?) -> JSONValue? {
    guard let token = tokens.first else { return op == "remove" ? nil : newValue }
    switch value {
    case .object(var object):
        if tokens.count == 1 {
            switch op {
            case "add": object[token] = newValue
            case "replace": guard object[token] != nil else { return nil }; object[token] = newValue
            case "remove": guard object[token] != nil else { return nil }; object[token] = nil
            default: return nil
            }
            return .object(object)
        }
        guard let child = object[token], let updated = patched(child, tokens.dropFirst(), op: op, value: newValue) else { return nil }
        object[token] = updated
        return .object(object)
    case .array(var array):
        guard let index = Int(token), index < array.count else { return nil }
        if tokens.count == 1 {
            switch op {
            case "replace": array[index] = newValue ?? .null
            case "remove": array.remove(at: index)
            default: return nil
            }
            return .array(array)
        }
        guard let updated = patched(array[index], tokens.dropFirst(), op: op, value: newValue) else { return nil }
        array[index] = updated
        return .array(array)
    default: return nil
    }
}
