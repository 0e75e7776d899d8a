import FoundationEssentials
@testable import Store
import Support
import Testing

/// `Archive.check()` reads its export back from a temporary file: problems are still found, the
/// file is gone afterwards, and a folder where it cannot be made is refused with a reason.
@Suite struct CheckTests {
    @Test func check_ReportsATamperedRenderingAndABadDate_AndLeavesNoTemporaryFile() throws {
        try withScratchArchive { archive, scratch in
            #expect(try archive.check(scratchFolder: scratch) == [])
            try archive.pool.write { db in
                try db.execute("UPDATE rendered_items SET body = CAST('{}' AS BLOB) WHERE item_id = 'inst-one'")
                try db.execute("UPDATE documents SET date_edtf = '1941-13-45' WHERE id = 'doc-one'")
            }
            let problems = try archive.check(scratchFolder: scratch)
            #expect(problems.contains("institution inst-one: its stored rendering differs from a fresh one"))
            #expect(problems.contains { $0.hasPrefix("archive: /documents/0/date/edtf") }, "\(problems)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
        }
    }

    @Test func check_RefusesAScratchFolderItCannotWrite_NamingIt_BeforeItsPasses() throws {
        try withScratchArchive { archive, scratch in
            try archive.pool.write { db in try db.execute("UPDATE rendered_items SET body = CAST('{}' AS BLOB) WHERE item_id = 'inst-one'") }
            let missing = scratch + "/not-there"
            var reported: [String] = []
            do {
                try archive.check(scratchFolder: missing) { reported.append($0) }
                Issue.record("check ran without its temporary file: \(reported)")
            } catch let failure as ScratchFile.Failure {
                #expect(failure.description.contains(missing))
                #expect(failure.description.contains("No such file or directory"))
                #expect(failure.description.contains("TMPDIR"))
            }
            #expect(reported == [])
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
        }
    }

    @Test func scratchFile_IsReadFromItsStartInEveryPass() throws {
        try withTemporaryDirectory { folder in
            let file = try ScratchFile(in: folder, for: "a test")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
            let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
            try file.append(Array(bytes[..<30_000]))
            try file.append(Array(bytes[30_000...]))
            for _ in 0..<2 {
                let chunks = FileChunks(file, chunkSize: 16_384)
                var read: [UInt8] = []
                while let chunk = try chunks.next() { read += chunk }
                #expect(read == bytes)
            }
        }
    }

    /// The minimal archive in `<tmp>/a.sqlite` and an empty folder `<tmp>/scratch` for check's file.
    private func withScratchArchive(_ body: (Archive, String) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let scratch = directory + "/scratch"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
            let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            try archive.importArchive(JSONWriter.bytes(minimalArchive()))
            try body(archive, scratch)
        }
    }
}
