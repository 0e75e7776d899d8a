import Testing
@testable import Store
import TestSupport
import Support

@Suite struct SearchQueryTests {
    @Test(arguments: [
        ("siauliai", "\"siauliai\""),
        ("Serov Beria", "\"Serov\" \"Beria\""),
        ("deport*", "\"deport\"*"),
        ("\"Serov Instructions\"", "\"Serov Instructions\""),
        ("\"serov instr\"*", "\"serov instr\"*"),
        ("nkvd-order-001223", "\"nkvd order 001223\""),
        ("NEAR(a b)", "\"NEAR\" \"a\" \"b\""),
        ("nkvd-order-00*", "\"nkvd order 00\"*"),
        ("(serov)beria*", "\"serov\" \"beria\"*"),
        ("title:serov", "\"title serov\""),
        ("a AND b OR NOT c", "\"a\" \"AND\" \"b\" \"OR\" \"NOT\" \"c\""),
        ("'; DROP TABLE items;--", "\"DROP\" \"TABLE\" \"items\""),
        ("Серов", "\"Серов\""),
        ("  \"unbalanced  ", "\"unbalanced\""),
        ("^serov", "\"serov\""),
        ("x*y", "\"x\" \"y\""),
        ("1,000", "\"1 000\""),
    ])
    func userText_BecomesQuotedTerms(_ input: String, _ expected: String) {
        #expect(Search.ftsQuery(from: input) == expected)
    }

    @Test(arguments: ["", "   ", "*", "\"", "\"\"", "()", "^", "-", "***", "\u{0}\u{1}\u{7f}", "«»", "--", ":", "\"*\""])
    func textWithoutTerms_IsNil(_ input: String) {
        #expect(Search.ftsQuery(from: input) == nil)
    }

    @Test func output_IsOnlyQuotedWordsAndStars() {
        var generator = SplitMix(seed: 1941)
        for _ in 0..<300 {
            let text = String(String.UnicodeScalarView((0..<200).compactMap { _ in randomScalar(&generator) }))
            guard let query = Search.ftsQuery(from: text) else { continue }
            // Every term: a quote, word characters and single spaces, a quote, an optional star.
            var inQuote = false
            var previous: Character = " "
            for c in query {
                if c == "\"" { inQuote.toggle() } else if !inQuote { #expect(c == " " || (c == "*" && previous == "\"")) }
                previous = c
            }
            #expect(!inQuote)
        }
    }
}

@Suite struct SearchTests {
    private func ids(_ text: String, types: Set<ItemType>? = nil, limit: Int = 500, _ db: Connection) throws -> [String] {
        try Search.search(text, types: types, limit: limit, after: nil, in: db).items.compactMap { $0.objectValue?["id"]?.stringValue }
    }

    @Test func foldsCaseAndDiacritics_FindsNativeScripts() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                #expect(try ids("siauliai", db).contains("siauliai"))
                #expect(try ids("ŠIAULIAI", db).contains("siauliai"))
                #expect(try ids("snieckus", db).contains("antanas-snieckus"))
                #expect(try ids("Серов", db).contains("ivan-serov"))
                #expect(try ids("серов", db).contains("ivan-serov"))
            }
        }
    }

    @Test func numbersAndIds_FindTheOrderAndTheDocumentConfusedWithIt() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let hits = try ids("001223", db)
                #expect(hits.contains("nkvd-order-001223") && hits.contains("serov-instructions"))
                #expect(try ids("nkvd-order-001223", db).first == "nkvd-order-001223")
                #expect(try ids("NKVD-ORDER-001223", db).first == "nkvd-order-001223")
            }
        }
    }

    @Test func phrasesPrefixesAndAllWords() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                #expect(try ids("\"Serov Instructions\"", db).contains("serov-instructions"))
                #expect(try ids("\"Estonia Lithuania Serov\"", db).contains("serov-instructions") == false)
                let prefixed = try ids("deport*", db)
                #expect(prefixed.contains("june-deportation-1941") && prefixed.contains("serov-instructions"))
                #expect(try ids("deport", db).count < prefixed.count)
                // Several words: every hit has all of them.
                let both = Set(try ids("Serov Beria", db))
                #expect(!both.isEmpty)
                let serov = Set(try ids("Serov", db))
                let beria = Set(try ids("Beria", db))
                #expect(both.isSubset(of: serov) && both.isSubset(of: beria))
                #expect(try Search.total("Serov Beria", types: nil, in: db) == both.count)
                #expect(try ids("Serov zzzqqqxxx", db).isEmpty)
            }
        }
    }

    @Test(arguments: [
        "Instrukcija par operācijas veikšanas kārtību, lai no Lietuvas, Latvijas un Igaunijas izsūtītu pretpadomju elementus",
        "Instrukcija dėl antisovietinio elemento išvežimo tvarkos iš Lietuvos, Latvijos ir Estijos",
        "Nõukogudevastase elemendi väljasaatmine Leedust, Lätist ja Eestist läbiviimise korra kohta",
        "Instruktion über die Durchführung der Aussiedlungsaktion für die Abschiebung antisowjetischer Elemente aus Litauen, Lettland und Estland",
        "instrukcija del antisovietinio elemento isvezimo", "Serova instrukcija", "Durchfuhrung Aussiedlungsaktion",
    ])
    func titlesInOtherLanguages_FindTheSerovInstructions(_ title: String) throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                #expect(try ids(title, limit: 3, db).contains("serov-instructions"))
            }
        }
    }

    @Test func ranking_ExactTitleOrNameFirst_LabelAboveSummary_ScoresDescend() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                #expect(try ids("Ivan Serov", db).first == "ivan-serov")
                #expect(try ids("ivan serov", db).first == "ivan-serov")
                #expect(try ids("Šiauliai", db).first == "siauliai")
                // A source titled exactly so leads only when sources are ranked among the other hits.
                #expect(try Search.search("Serov Instructions", types: nil, limit: 1, after: nil, sources: .ranked, in: db)
                    .items.first?.objectValue?["id"]?.stringValue == "wp-serov-instructions")
                #expect(try ids("Serov Instructions", db).first == "serov-instructions")
                #expect(try ids("Ivan Serov", types: [.source], db).first == "wp-ivan-serov")
                let page = try Search.search("Serov", types: nil, limit: 50, after: nil, in: db).items.compactMap(\.objectValue)
                let scores = page.compactMap { value -> Double? in if case .double(let d)? = value["score"] { d } else { nil } }
                #expect(scores.count == page.count)
                #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
                // The person named Serov outranks documents that only mention him in their summary.
                let persons = page.firstIndex { $0["id"] == "ivan-serov" } ?? Int.max
                #expect(persons < 3)
            }
        }
    }

    @Test(arguments: ["Serov", "NKVD", "deport*", "1941", "Lithuania"])
    func sources_ComeAfterTheArchivesOwnItems_UnlessRanked(_ text: String) throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let types = try Search.search(text, types: nil, limit: 500, after: nil, in: db).items
                    .compactMap { $0.objectValue?["type"]?.stringValue }
                let firstSource = types.firstIndex(of: "source") ?? types.endIndex
                #expect(types.contains("source") && types.contains { $0 != "source" })
                #expect(types[firstSource...].allSatisfy { $0 == "source" }, "\(text): \(types)")
                let ranked = try Search.search(text, types: nil, limit: 500, after: nil, sources: .ranked, in: db).items
                #expect(ranked.count == types.count)
            }
        }
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                // Ranked, "Serov" has sources among its first ten hits, as before.
                let ranked = try Search.search("Serov", types: nil, limit: 10, after: nil, sources: .ranked, in: db).items
                #expect(ranked.contains { $0.objectValue?["type"]?.stringValue == "source" })
            }
        }
    }

    @Test func hits_HaveTheContractShape_WithABoundedMarkedSnippet() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let result = try Search.search("Šiauliai stamp", types: nil, limit: 20, after: nil, in: db)
                #expect(!result.items.isEmpty)
                for hit in result.items.compactMap(\.objectValue) {
                    let type = try #require(ItemType(rawValue: hit["type"]?.stringValue ?? ""))
                    #expect(hit.keys == ["type", "id", type.displayField, "href", "snippet", "score"])
                    #expect(hit["href"]?.stringValue == "/v1/\(type.collection)/\(hit["id"]?.stringValue ?? "")")
                    let snippet = hit["snippet"]?.stringValue ?? ""
                    #expect(snippet.contains("«") && snippet.contains("»"))
                    #expect(snippet.count <= 300)
                }
            }
        }
    }

    @Test func typesFilter_KeepsOnlyThoseCollections() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let result = try Search.search("Serov", types: [.person, .institution], limit: 100, after: nil, in: db)
                #expect(!result.items.isEmpty)
                #expect(result.items.allSatisfy { ["person", "institution"].contains($0.objectValue?["type"]?.stringValue ?? "") })
                #expect(try Search.total("Serov", types: [.person, .institution], in: db) == result.items.count)
                #expect(try Search.search("Serov", types: [], limit: 10, after: nil, in: db).items.isEmpty)
            }
        }
    }

    @Test(arguments: [1, 2, 7])
    func pagination_WalksEveryHitOnce_InRankOrder(_ pageSize: Int) throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let all = try ids("deport*", db)
                #expect(all.count > 10)
                var walked: [String] = []
                var after: [JSONValue]? = nil
                repeat {
                    let page = try Search.search("deport*", types: nil, limit: pageSize, after: after, in: db)
                    #expect(page.items.count <= pageSize)
                    walked += page.items.compactMap { $0.objectValue?["id"]?.stringValue }
                    after = page.next
                } while after != nil && walked.count <= all.count
                #expect(walked == all)
                #expect(try Search.total("deport*", types: nil, in: db) == all.count)
            }
        }
    }

    @Test func tamperedKeyset_Throws() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                for bad: [JSONValue] in [[], ["x", 1], [1.5], [1.5, "a"], [1.5, 2, 3]] {
                    #expect(throws: KeysetError.self) { try Search.search("serov", types: nil, limit: 5, after: bad, in: db) }
                }
            }
        }
    }

    static let hostile: [String] = [
        "\"", "\"\"\"", "'", "*", "**", " * ", "\"*", "*\"", "AND", "OR", "NOT", "a AND", "OR b", "NOT NOT", "AND OR NOT",
        "NEAR(", "NEAR(a b", "NEAR(a b, 2)", "(", ")", "((a)", "a)", "'; DROP TABLE items;--", "\"; DROP TABLE items;--",
        "^", "^a", "col:term", "label:serov", "{label body}: serov", "-serov", "+serov", "serov -beria", "a\u{0}b", "\u{0}",
        "\\", "%", "_", "serov*\"", "\"serov", "serov\"", "x:", ":x", "1e10", "NaN", "😀", "👨‍👩‍👧", "\u{202E}serov", "\u{FEFF}",
        String(repeating: "a", count: 10_000), String(repeating: "a ", count: 5_000), String(repeating: "\"", count: 999),
        String(repeating: "(", count: 1_000), String(repeating: "*", count: 1_000), String(repeating: "NEAR(", count: 200),
    ]

    @Test func hostileInputs_NeverThrow() throws {
        var generator = SplitMix(seed: 6)
        var inputs = Self.hostile
        for _ in 0..<20 {
            inputs.append(String(String.UnicodeScalarView((0..<1_000).compactMap { _ in randomScalar(&generator) })))
        }
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                for input in inputs {
                    let page = try Search.search(input, types: nil, limit: 20, after: nil, in: db)
                    #expect(page.items.count <= 20)
                    _ = try Search.total(input, types: nil, in: db)
                }
                #expect(try db.prepare("SELECT count(*) FROM items").scalarInt() ?? 0 > 0)
            }
        }
    }
}

/// A random Unicode scalar: often ASCII punctuation and FTS5 syntax, sometimes any plane.
func randomScalar(_ generator: inout SplitMix) -> Unicode.Scalar? {
    switch generator.next() % 4 {
    case 0: return Unicode.Scalar(UInt32(generator.next() % 128))
    case 1: return Array("\"*():^-+{}NEAR AND OR NOT".unicodeScalars)[Int(generator.next() % 25)]
    case 2: return Unicode.Scalar(UInt32(0x80 + generator.next() % 0x3000))
    default: return Unicode.Scalar(UInt32(generator.next() % 0x110000))
    }
}
