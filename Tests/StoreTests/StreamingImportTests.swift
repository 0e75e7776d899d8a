import Glibc
import Testing
@testable import Store
import Support

/// The streaming import reads a file member by member and finds the same problems as the tree.
@Suite struct StreamingImportTests {
    private func members(_ text: String, chunk: Int) throws -> [String] {
        let bytes = Array(text.utf8)
        var offset = 0
        var scanner = JSONMemberScanner {
            guard offset < bytes.count else { return nil }
            defer { offset += chunk }
            return Array(bytes[offset..<min(offset + chunk, bytes.count)])
        }
        var seen: [String] = []
        try scanner.scan(arrays: ["list"], wanted: { $0 != "skipped" }) { key, index, value in
            seen.append("\(key)\(index.map { "[\($0)]" } ?? "")=\(String(decoding: value, as: UTF8.self))")
        }
        return seen
    }

    @Test func scanner_HandsOutMembersAndElements_WhateverTheChunks() throws {
        let text = #" { "a" : 1 , "list": [ {"x": "]}\"["}, [1, 2], "s", -2.5e3 ], "skipped": [1], "b": {"c": [true]}, "list2": null } "#
        let expected = [#"a=1"#, #"list[0]={"x": "]}\"["}"#, "list[1]=[1, 2]", #"list[2]="s""#, "list[3]=-2.5e3", #"b={"c": [true]}"#, "list2=null"]
        for chunk in [1, 2, 3, 7, 1000] {
            #expect(try members(text, chunk: chunk) == expected, "chunks of \(chunk)")
        }
        #expect(throws: JSONMemberScanner.SyntaxError.self) { _ = try members(#"{"a": 1 "b": 2}"#, chunk: 4) }
        #expect(throws: JSONMemberScanner.SyntaxError.self) { _ = try members(#"{"list": [1, 2"#, chunk: 4) }
    }

    @Test func fileImport_EqualsTheInMemoryImport() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/archive.json"
            let expected = try withEmbeddedArchive { try exportBytes($0) }
            expected.write(to: file)
            _ = try Archive.importArchive(fileAt: file, intoDatabaseAt: directory + "/streamed.sqlite")
            let streamed = try Archive.open(path: directory + "/streamed.sqlite", mode: .readOnly, readerCount: 1)
            defer { streamed.close() }
            #expect(try exportBytes(streamed) == expected)
            #expect(try streamed.check() == [])
        }
    }

    @Test func streamedProblems_AreTheTreesProblems_InTheSameOrder() throws {
        var archive = minimalArchive().objectValue!
        archive["extra"] = 1
        archive["documents"] = [["id": "src-one", "title": 3], ["id": "doc-two", "issuer": "nowhere"]]
        archive["relations"] = [["from": "doc-two", "to": "missing", "type": "Bad Type"]]
        let bytes = JSONWriter.bytes(.object(archive), pretty: true)
        let tree = validationProblems { _ = try ArchiveFormat.check(bytes) }
        let stream = validationProblems { _ = try ArchiveFormat.check(.bytes(bytes)) }
        #expect(tree != nil && !(tree ?? []).isEmpty)
        #expect(stream == tree)
        let broken = Array(#"{"format": "deportation-archive/1", "documents": [{"id": }]}"#.utf8)
        let brokenTree = validationProblems { _ = try ArchiveFormat.check(broken) }
        #expect(brokenTree?.first?.detail.hasPrefix("not valid JSON") == true)
        #expect(validationProblems { _ = try ArchiveFormat.check(.bytes(broken)) } == brokenTree)
    }
}

private func validationProblems(_ body: () throws -> Void) -> [ValidationProblem]? {
    do {
        try body()
        return nil
    } catch let error as ValidationError {
        return error.problems
    } catch {
        return [ValidationProblem(pointer: "?", detail: "not a ValidationError: \(error)")]
    }
}

extension Array where Element == UInt8 {
    fileprivate func write(to path: String) {
        let file = fopen(path, "wb")
        defer { fclose(file) }
        _ = withUnsafeBytes { fwrite($0.baseAddress, 1, count, file) }
    }
}
