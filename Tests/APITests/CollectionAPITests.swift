import Testing
@testable import API
@testable import Server
import Store
import Support

@Suite struct CollectionAPITests {
    static let counts = ["documents": 17, "persons": 13, "institutions": 14, "events": 12, "places": 35, "sources": 171]

    @Test(arguments: ["documents", "persons", "institutions", "events", "places", "sources"])
    func walkingEveryPage_YieldsEachIDOnce_AtSeveralLimitsAndSorts(collection: String) {
        let display = ["documents", "sources"].contains(collection) ? "title" : "name"
        var sorts = ["id", "-id", display, "-\(display)"]
        if ["documents", "events", "institutions", "persons"].contains(collection) { sorts += ["date", "-date"] }
        for sort in sorts {
            for limit in [1, 7, 500] {
                var seen: [String] = []
                var target: String? = "/v1/\(collection)?limit=\(limit)&sort=\(sort)"
                var pages = 0
                while let next = target, pages < 200 {
                    let (status, page) = getJSON(next)
                    #expect(status == 200, "\(next)")
                    seen += page["items"]?.array.compactMap { $0["id"]?.string } ?? []
                    #expect(page["total"]?.int == Self.counts[collection])
                    target = page["links"]?["next"]?.string
                    pages += 1
                }
                #expect(seen.count == Self.counts[collection], "\(collection) sort=\(sort) limit=\(limit)")
                #expect(Set(seen).count == seen.count, "duplicates in \(collection) sort=\(sort) limit=\(limit)")
            }
        }
    }

    @Test func nextPage_IsAdvertisedInTheLinkHeader() {
        let response = request("GET", "/v1/documents?limit=5")
        #expect(response.header("Link")?.hasSuffix("; rel=\"next\"") == true)
        let (_, last) = getJSON("/v1/documents?limit=500")
        #expect(last["next_cursor"] == .null)
    }

    @Test func sortByDate_OrdersByEarliestThenLatest() {
        let (_, page) = getJSON("/v1/documents?sort=date&limit=500")
        let dates = page["items"]!.array.compactMap { $0["date"]?["earliest"]?.string }
        #expect(dates == dates.sorted())
    }

    @Test func filters_MatchAnyOfSeveralValues() {
        let (_, decrees) = getJSON("/v1/documents?kind=decree")
        #expect(decrees["total"]?.int == 7)
        let (_, both) = getJSON("/v1/documents?kind=decree,order")
        #expect(both["total"]?.int == 9)
        let (_, byIssuer) = getJSON("/v1/documents?issuer=nkgb")
        #expect(byIssuer["items"]!.array.contains { $0["id"] == "serov-instructions" })
        let (_, bySignatory) = getJSON("/v1/documents?signatory=ivan-serov")
        #expect(bySignatory["items"]!.array.map { $0["id"]?.string } == ["serov-instructions"])
        let (_, byInstitution) = getJSON("/v1/persons?institution=nkgb")
        #expect(byInstitution["items"]!.array.contains { $0["id"] == "ivan-serov" })
        let (_, inCountry) = getJSON("/v1/places?country=lithuania&limit=500")
        #expect(inCountry["items"]!.array.contains { $0["id"] == "siauliai" })
    }

    @Test func eventPlaceFilter_MatchesEverythingInsideACountry() {
        let (_, events) = getJSON("/v1/events?place=lithuania&limit=500")
        let ids = events["items"]!.array.compactMap { $0["id"]?.string }
        #expect(ids.contains("june-deportation-1941"))
        #expect(ids.contains("operation-priboi-1949"))
    }

    @Test func dateWindow_Overlaps_ByDefault_AndWithinOnRequest() {
        // The Serov Instructions span 1941-02-03/1941-06-07.
        func ids(_ query: String) -> [String] {
            getJSON("/v1/documents?limit=500&\(query)").1["items"]!.array.compactMap { $0["id"]?.string }
        }
        #expect(ids("from=1941-06-07").contains("serov-instructions"))
        #expect(!ids("from=1941-06-08").contains("serov-instructions"))
        #expect(ids("to=1941-02-03").contains("serov-instructions"))
        #expect(!ids("to=1941-02-02").contains("serov-instructions"))
        #expect(ids("from=1941-03&to=1941-03").contains("serov-instructions"))
        #expect(!ids("from=1941-03&to=1941-03&date_match=within").contains("serov-instructions"))
        #expect(ids("from=1941-02&to=1941-06&date_match=within").contains("serov-instructions"))
    }

    @Test func facets_CountOverTheWholeFilteredSet() {
        let (_, page) = getJSON("/v1/documents?limit=1&facets=kind,year")
        let kinds = page["facets"]?["kind"]?.array ?? []
        #expect(kinds.first { $0["value"] == "decree" }?["count"]?.int == 7)
        #expect(page["facets"]?["year"]?.array.isEmpty == false)
    }

    @Test func unknownCollectionAndID_Are404Problems() {
        let missing = request("GET", "/v1/documents/no-such-document")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/problem+json")
        #expect(missing.text.contains("no-such-document"))
        #expect(request("GET", "/v1/manuscripts").status == 404)
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=abc", "limit"), ("limit=501", "limit"), ("from=banana", "from"), ("to=1941-13", "to"),
        ("sort=nonsense", "sort"), ("format=xml", "format"), ("colour=red", "colour"), ("limit=1&limit=2", "limit"),
        ("cursor=garbage", "cursor"), ("q=%FF", "q"), ("facets=colour", "facets"), ("date_match=sometimes", "date_match"),
    ])
    func badParameters_Are400Problems_NamingTheParameter(query: String, parameter: String) {
        let response = request("GET", "/v1/documents?\(query)")
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        let problem = (try? JSONParser.parse(response.body)) ?? .null
        #expect(problem["parameter"]?.string == parameter)
        #expect(problem["detail"]?.string?.contains(parameter) == true)
    }

    @Test func tamperedCursor_Is400_NeverAWrongPage() {
        let (_, page) = getJSON("/v1/documents?limit=2")
        let cursor = page["next_cursor"]!.string!
        var bytes = Array(cursor.utf8)
        bytes[3] = bytes[3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(request("GET", "/v1/documents?limit=2&cursor=\(String(decoding: bytes, as: UTF8.self))").status == 400)
        // A cursor of one sort is not a cursor of another.
        #expect(request("GET", "/v1/documents?limit=2&sort=-id&cursor=\(cursor)").status == 400)
    }
}
