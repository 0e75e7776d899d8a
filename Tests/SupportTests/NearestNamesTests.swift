import Testing
import Support

@Suite struct NearestNamesTests {
    static let collections = ["documents", "persons", "institutions", "events", "places", "sources"]

    @Test func aSwapOfNeighbours_CostsOne() {
        #expect(NearestNames.distance(Array("documnets".unicodeScalars), Array("documents".unicodeScalars)) == 1)
        #expect(NearestNames.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
        #expect(NearestNames.distance(Array("".unicodeScalars), Array("abc".unicodeScalars)) == 3)
    }

    @Test(arguments: [("documnets", ["documents"]), ("Documents", []), ("person", ["persons"]), ("place", ["places"]),
                      ("limt", []), ("xyz", []), ("evnts", ["events"])])
    func nearestCollections(typed: String, expected: [String]) {
        #expect(NearestNames.nearest(to: typed, in: Self.collections) == expected)
    }

    @Test func theNearestComeFirst_AtMostTheLimit() {
        let names = ["orders", "order", "ordre", "directive"]
        #expect(NearestNames.nearest(to: "ordr", in: names) == ["order", "ordre"])
        #expect(NearestNames.nearest(to: "ordr", in: names, limit: 1) == ["order"])
        #expect(NearestNames.nearest(to: "decre", in: ["decree", "degree", "decrees"]) == ["decree"])
        #expect(NearestNames.nearest(to: "limt", in: ["limit", "cursor", "q"]) == ["limit"])
        #expect(NearestNames.nearest(to: "serov-instrucions", in: ["serov-instructions", "nkgb"]) == ["serov-instructions"])
    }

    @Test func suggestion_ReadsAsASentence() {
        #expect(NearestNames.suggestion(for: "decre", in: ["decree"]) == " Did you mean 'decree'?")
        #expect(NearestNames.suggestion(for: "ordr", in: ["order", "ordre"]) == " Did you mean 'order' or 'ordre'?")
        #expect(NearestNames.suggestion(for: "zzzzzz", in: ["decree"]) == "")
        #expect(NearestNames.suggestion(for: "", in: ["a"]) == "")
    }

    @Test func hostileInput_IsBounded() {
        let long = String(repeating: "ä", count: 10_000)
        #expect(NearestNames.nearest(to: long, in: ["ä"]).isEmpty)
    }
}
