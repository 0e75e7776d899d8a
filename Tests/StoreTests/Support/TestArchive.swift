import FoundationEssentials
@testable import Store
import Support

/// A fresh temporary directory per test, removed when the value is dropped by `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("archive-tests-\(UInt64.random(in: 0...UInt64.max))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// A database seeded with the embedded archive, in a temporary directory.
func withEmbeddedArchive<T>(_ body: (Archive) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let archive = try Archive.open(path: directory + "/archive.sqlite", readerCount: 2)
        defer { archive.close() }
        return try body(archive)
    }
}

/// The embedded archive's export, as bytes.
func exportBytes(_ archive: Archive) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try archive.export { bytes.append(contentsOf: $0) }
    return bytes
}

/// The repository's root, found from this file's path.
let repositoryRoot: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(4)  // TestArchive.swift, Support, StoreTests, Tests
    return components.joined(separator: "/")
}()

/// A minimal valid archive in the import format, for validation tests.
func minimalArchive(extraDocument: JSONValue? = nil) -> JSONValue {
    var documents: [JSONValue] = [[
        "id": "doc-one", "title": "A test order", "kind": "order", "undated": false, "stated_date": "1941-05-14",
        "date": ["edtf": "1941-05-14", "note": nil], "issuer": "inst-one", "summary": "A test document.",
        "source_ids": ["src-one"],
    ]]
    if let extraDocument { documents.append(extraDocument) }
    return [
        "format": "deportation-archive/1",
        "documents": .array(documents),
        "institutions": [["id": "inst-one", "name": "A commissariat", "kind": "commissariat", "founded": "1941-02-03",
                          "summary": "A test institution.", "source_ids": ["src-one"]]],
        "sources": [["id": "src-one", "title": "A source", "kind": "web"]],
        "relations": [],
    ]
}
