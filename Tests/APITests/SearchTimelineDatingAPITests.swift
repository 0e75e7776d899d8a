import Testing
@testable import API
@testable import Server
import Store

@Suite struct SearchTimelineDatingAPITests {
    @Test func dating_OfTheSerovInstructions_DerivesTheIntervalAndJudgesEveryClaim() {
        let (status, analysis) = getJSON("/v1/documents/serov-instructions/dating")
        #expect(status == 200)
        #expect(analysis["derived"]?["edtf"]?.string == "1941-02-03/1941-06-07")
        let claims = analysis["claims"]?.array ?? []
        func claimStatus(of edtf: String) -> String? { claims.first { $0["date"]?["edtf"]?.string == edtf }?["status"]?.string }
        #expect(claimStatus(of: "1939-10-11") == "contradicted")
        #expect(claimStatus(of: "1939-10-10") == "contradicted")
        #expect(claimStatus(of: "1941-01-21") == "contradicted")
        #expect(claimStatus(of: "1941-06-14") == "contradicted")
        #expect(claimStatus(of: "1941") == "consistent")
        #expect(request("GET", "/v1/documents/no-such-document/dating").status == 404)
    }

    @Test func timeline_IsOrderedByEarliestThenLatest_AndPagesWalkEveryEntryOnce() {
        var seen: [String] = []
        var previous = ""
        var target: String? = "/v1/timeline?limit=37"
        var total: Int?
        while let next = target {
            let (status, page) = getJSON(next)
            #expect(status == 200)
            total = page["total"]?.int
            for entry in page["items"]?.array ?? [] {
                let earliest = entry["date"]?["earliest"]?.string ?? ""
                if !earliest.isEmpty {
                    let ordered = previous <= earliest
                    #expect(ordered, "\(previous) before \(earliest)")
                    previous = earliest
                }
                seen.append("\(entry["kind"]?.string ?? "")|\(entry["subject"]?["id"]?.string ?? "")|\(entry["label"]?.string ?? "")|\(entry["date"]?["edtf"]?.string ?? "")")
            }
            target = page["links"]?["next"]?.string
        }
        #expect(seen.count == total)
    }

    @Test func timeline_FiltersByWindowAndTypes() {
        let (_, page) = getJSON("/v1/timeline?from=1941-02-03&to=1941-02-03&types=institution&limit=500")
        let labels = page["items"]?.array.compactMap { $0["subject"]?["id"]?.string } ?? []
        #expect(labels.contains("nkgb"))
        #expect(page["items"]?.array.allSatisfy { $0["kind"]?.string?.hasPrefix("institution") == true } == true)
        #expect(request("GET", "/v1/timeline?types=unicorn").status == 400)
        #expect(request("GET", "/v1/timeline?from=1942&to=1941").status == 400)
    }

    @Test(arguments: ["\"", "AND OR NOT", "NEAR(", "*", "'; DROP TABLE items;--", "^", "title:serov", "((((", "\u{0}x", String(repeating: "ű", count: 300)])
    func search_HostileText_IsAQuery_NeverAnError(text: String) {
        let response = request("GET", "/v1/search?q=\(encoded(text))")
        #expect(response.status == 200 || (response.status == 400 && text.contains("\u{0}")))
        #expect(response.header("Content-Type")?.contains("json") == true)
    }

    @Test func search_FindsTheOrderAndTheDocumentConfusedWithIt_ByNumber() {
        let (_, hits) = getJSON("/v1/search?q=001223&limit=50")
        let ids = hits["items"]?.array.compactMap { $0["id"]?.string } ?? []
        #expect(ids.contains("nkvd-order-001223"))
        #expect(ids.contains("serov-instructions"))
        let (_, people) = getJSON("/v1/search?q=\(encoded("Серов"))&types=person")
        #expect(people["items"]?.array.first?["id"]?.string == "ivan-serov")
    }

    @Test func search_PutsSourcesLast_UnlessRanked() {
        let (_, hits) = getJSON("/v1/search?q=serov&limit=10")
        let types = hits["items"]?.array.compactMap { $0["type"]?.string } ?? []
        #expect(types.count == 10 && Array(types.prefix(2)) == ["person", "document"])
        #expect(!types.prefix(5).contains("source"), "\(types)")
        let (_, ranked) = getJSON("/v1/search?q=serov&limit=10&sources=ranked")
        #expect(ranked["items"]?.array.contains { $0["type"]?.string == "source" } == true)
        let bad = request("GET", "/v1/search?q=serov&sources=first")
        #expect(bad.status == 400)
        #expect(bad.text.contains("sources"))
    }
}
