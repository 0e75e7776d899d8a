import Dispatch
import Synchronization
import Testing
@testable import Store
import Support

@Suite struct WriteRaceTests {
    /// Two curators PUT with the same If-Match (the same expected bytes): the precondition runs
    /// inside the write transaction, so exactly one wins each round and the other is refused.
    @Test func twoWritersWithTheSamePrecondition_ExactlyOneWins() throws {
        try withMinimalArchive { (archive: Archive) throws in
            for round in 0..<25 {
                let expected = try servedBytes(archive, .document, "doc-one")
                let wins = Atomic<Int>(0), refusals = Atomic<Int>(0)
                DispatchQueue.concurrentPerform(iterations: 2) { writer in
                    let body = JSONWriter.bytes(documentBody("doc-one", title: "Round \(round) by \(writer)"))
                    do {
                        _ = try archive.replace(.document, id: "doc-one", body: body, curator: "c\(writer)") { $0 == expected }
                        wins.add(1, ordering: .relaxed)
                    } catch ArchiveError.preconditionFailed {
                        refusals.add(1, ordering: .relaxed)
                    } catch {
                        Issue.record("unexpected \(error)")
                    }
                }
                #expect(wins.load(ordering: .relaxed) == 1 && refusals.load(ordering: .relaxed) == 1, "round \(round)")
            }
            #expect(try archive.revisions(of: .document, id: "doc-one", limit: 100).revisions.count == 26)
        }
    }
}
