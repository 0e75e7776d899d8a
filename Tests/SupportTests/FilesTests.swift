import FoundationEssentials
import Testing
import Support

@Suite struct FilesTests {
    @Test func size_IsTheRegularFilesByteCount_AndNilForADirectoryOrNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("files-size-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("seven")
        try Data("7 bytes".utf8).write(to: file)
        #expect(Files.size(file.path) == 7)
        #expect(Files.size(directory.path) == nil)
        #expect(Files.size(directory.appendingPathComponent("missing").path) == nil)
    }
}
