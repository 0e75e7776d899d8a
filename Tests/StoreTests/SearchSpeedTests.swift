import FoundationEssentials
import Testing
@testable import Store
import Support

/// A quick synthetic load: 10,000 invented archive-like documents (the shape of
/// ../shared/bench/make-db.py: a title with a kind, number, issuer, topic and place, ~600
/// characters of prose naming places), imported through the import path, then timed searches.
/// Synthetic text only, for load tests; never part of the embedded archive.
/// Runs when SEARCH_SPEED=1 (it takes seconds in a debug build); `swift test -c release` for numbers.
@Suite(.enabled(if: environmentFlag("SEARCH_SPEED"))) struct SearchSpeedTests {
    static let places = ["Šiauliai", "Kaunas", "Vilnius", "Panevėžys", "Telšiai", "Marijampolė", "Utena", "Rīga", "Jelgava",
                         "Liepāja", "Daugavpils", "Cēsis", "Tallinn", "Tartu", "Pärnu", "Võru", "Narva", "Viljandi"]
    static let kinds = ["order", "instruction", "resolution", "report", "protocol", "directive", "memorandum", "telegram"]
    static let issuers = [("nkvd", "NKVD"), ("nkgb", "NKGB"), ("mgb", "MGB"), ("mvd", "MVD"), ("sovnarkom", "Council of People's Commissars"),
                          ("lssr-cp", "Central Committee of the Lithuanian Communist Party"), ("latssr-cm", "Council of Ministers of the Latvian SSR"),
                          ("essr-nkvd", "NKVD of the Estonian SSR")]
    static let topics = ["the removal of families from the border zone", "the registration of former landowners",
                         "the preparation of lists of persons to be resettled", "the transport of families by rail",
                         "the confiscation of property of resettled households", "the reporting of operative groups to the district centre",
                         "the release of persons wrongly included in the lists", "the search for persons who escaped resettlement",
                         "the supply of food for the echelons", "the correction of errors in earlier registers"]
    static let persons = ["A. Petrauskas", "J. Bērziņš", "K. Tamm", "M. Šimkus", "E. Kalniņš", "V. Ozols", "R. Mägi", "L. Žukauskas"]

    static func syntheticArchive(documents n: Int, seed: UInt64) -> JSONValue {
        var g = SplitMix(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(g.next() % UInt64(a.count))] }
        func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(g.next() % UInt64(range.count)) }
        func five(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 5 - s.count)) + s }
        var documents: [JSONValue] = []
        for i in 1...n {
            let kind = pick(kinds)
            let (issuer, issuerName) = pick(issuers)
            let year = number(1940...1953), month = number(1...12), day = number(1...28)
            let edtf = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let title = "\(kind.prefix(1).uppercased() + kind.dropFirst()) No. \(five(number(1...9999))) of the \(issuerName) on \(pick(topics)) (\(pick(places)))"
            var summary = ""
            while summary.count < 540 {
                let p1 = pick(places), p2 = pick(places)
                switch number(0...8) {
                case 0: summary += "The \(kind) of the \(issuerName) concerns \(pick(topics)) in the \(p1) district. "
                case 1: summary += "It instructs the operative groups in \(p1) to prepare lists of families and to report the numbers. "
                case 2: summary += "A copy received in \(p1) bears a stamp of the district office and the signature of \(pick(persons)). "
                case 3: summary += "Historians date the text from internal evidence: the name of the issuer, the tenure of the signatory and the earlier orders it cites. "
                case 4: summary += "It refers to Order No. \(five(number(1...9999))) and to a resolution on \(pick(topics)). "
                case 5: summary += "The register lists \(number(3...900)) families and \(number(10...3000)) persons from \(p1) and \(p2). "
                case 6: summary += "Marginal notes record corrections made by \(pick(persons)). "
                case 7: summary += "The file was catalogued under fond \(number(1...3000)), inventory \(number(1...60)), after its transfer from \(p1). "
                default: summary += "A later report from \(p1) complains that the echelon left without the promised supplies. "
                }
            }
            documents.append([
                "id": .string("doc-\(five(i))"), "title": .string(title), "kind": .string(kind), "undated": false, "stated_date": nil,
                "date": ["edtf": .string(edtf)], "issuer": .string(issuer), "summary": .string(summary), "source_ids": ["bench-source"],
            ])
        }
        return [
            "format": "deportation-archive/1",
            "documents": .array(documents),
            "institutions": .array(issuers.map { id, name in
                ["id": .string(id), "name": .string(name), "kind": "commissariat", "summary": "Synthetic.", "source_ids": ["bench-source"]]
            }),
            "sources": [["id": "bench-source", "title": "Synthetic load-test data (invented)", "kind": "web"]],
            "relations": [],
        ]
    }

    static func microseconds(_ repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<repetitions { try body() }
        let elapsed = clock.now - start
        let (seconds, attoseconds) = elapsed.components
        return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(repetitions)
    }

    @Test func commonWord_AgainstAPlainBM25OrderByLimit() throws {
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/bench.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            try archive.importArchive(JSONWriter.bytes(Self.syntheticArchive(documents: 10_000, seed: 1941)))
            try archive.pool.read { db throws in
                let common = try Search.total("siauliai", types: nil, in: db)
                let rareWord = try db.prepare("SELECT substr(title, instr(title, 'No. ') + 4, 5) FROM documents WHERE id = 'doc-07334'").scalarText() ?? "00000"
                let rare = try Search.total(rareWord, types: nil, in: db)
                let peerSQL = """
                    SELECT i.type, i.id, i.label, f.snippet, f.score FROM (
                        SELECT rowid, snippet(search_index, 2, '[', ']', '…', 12) AS snippet, bm25(search_index, 10.0, 4.0, 1.0) AS score
                        FROM search_index WHERE search_index MATCH ? ORDER BY score LIMIT 20) AS f
                    JOIN items AS i ON i.rowid = f.rowid ORDER BY f.score
                    """
                let rankSQL = "SELECT rowid, snippet(search_index, 2, '[', ']', '…', 12), rank FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 20"
                var lines: [String] = ["matches: siauliai \(common), \(rareWord) \(rare)"]
                for (name, query) in [("common", "siauliai"), ("rare", rareWord)] {
                    let fts = Search.ftsQuery(from: query)!
                    let plain = try Self.microseconds(100) { _ = try db.cachedStatement(peerSQL).rows([.text(fts)]) { $0.text(1) } }
                    let ranked = try Self.microseconds(100) { _ = try db.cachedStatement(rankSQL).rows([.text(fts)]) { $0.int(0) } }
                    let ours = try Self.microseconds(100) { _ = try Search.search(query, types: nil, limit: 20, after: nil, in: db) }
                    let scoreOnly = try Self.microseconds(100) {
                        _ = try db.cachedStatement("SELECT rowid, bm25(search_index, 10.0, 4.0, 1.0) FROM search_index WHERE search_index MATCH ?").rows([.text(fts)]) { $0.int(0) }
                    }
                    let count = try Self.microseconds(100) { _ = try Search.total(query, types: nil, in: db) }
                    let second = try Search.search(query, types: nil, limit: 20, after: nil, in: db).next
                    let page2 = try Self.microseconds(100) { _ = try Search.search(query, types: nil, limit: 20, after: second, in: db) }
                    lines.append("\(name): plain bm25 ORDER BY LIMIT 20 + snippet \(Int(plain)) µs; FTS5 ORDER BY rank \(Int(ranked)) µs; Search.search \(Int(ours)) µs (page 2: \(Int(page2)) µs); scoring every match alone \(Int(scoreOnly)) µs; count \(Int(count)) µs")
                }
                print(lines.joined(separator: "\n"))
                #expect(common > 2000)
            }
        }
    }
}

func environmentFlag(_ name: String) -> Bool {
    ProcessInfo.processInfo.environment[name] == "1"
}
