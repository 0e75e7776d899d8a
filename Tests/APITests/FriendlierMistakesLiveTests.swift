import Testing
import Support

/// Issue 13's friendlier mistakes over the socket: "did you mean …" for a mistyped collection,
/// parameter, value and id; a closed vocabulary's unknown value is a 400 naming the allowed
/// values; `Accept` picks a download format exactly as `format=` does.
@Suite struct FriendlierMistakesLiveTests {
    static func detail(_ target: String, headers: [(String, String)] = []) -> (Int, String, String?) {
        let (status, body) = getJSON(target, headers: headers)
        return (status, body["detail"]?.string ?? "", body["parameter"]?.string)
    }

    @Test(arguments: [("/v1/documnets", "'documents'"), ("/v1/persns", "'persons'"), ("/v1/serch?q=x", "'search'"),
                      ("/v1/timelin", "'timeline'")])
    func aMistypedCollection_IsA404_WithTheNearest(target: String, nearest: String) {
        let (status, detail, _) = Self.detail(target)
        #expect(status == 404)
        #expect(detail.contains("Did you mean \(nearest)?"), "\(detail)")
        #expect(detail.contains("The collections are documents, persons, institutions, events, places, sources."))
    }

    @Test(arguments: [("/v1/documents?limt=3", "limt", "'limit'"), ("/v1/places?contry=lithuania", "contry", "'country'"),
                      ("/v1/search?q=serov&type=person", "type", "'types'"), ("/v1/timeline?form=1941", "form", "'from'"),
                      ("/v1/documents/serov-instructions?prety=1", "prety", "'pretty'")])
    func aMistypedParameter_IsA400_WithTheNearest(target: String, name: String, nearest: String) {
        let (status, detail, parameter) = Self.detail(target)
        #expect(status == 400)
        #expect(parameter == name)
        #expect(detail.contains("Unknown query parameter '\(name)'. Did you mean \(nearest)?"), "\(detail)")
    }

    @Test(arguments: [("/v1/documents?sort=dat", "sort", "'date'"), ("/v1/documents?facets=kinds", "facets", "'kind'"),
                      ("/v1/documents?format=cvs", "format", "'csv'"), ("/v1/documents?date_match=withn", "date_match", "'within'"),
                      ("/v1/search?q=serov&types=persn", "types", "'person'"), ("/v1/timeline?types=person-bron", "types", "'person-born'")])
    func aMistypedValue_IsA400_WithTheNearest(target: String, name: String, nearest: String) {
        let (status, detail, parameter) = Self.detail(target)
        #expect(status == 400)
        #expect(parameter == name)
        #expect(detail.contains("Did you mean \(nearest)?"), "\(detail)")
    }

    /// Every collection's `kind`: the values are the data's own (read from the `kind` facet);
    /// each is accepted, a mistyped one is a 400 that names the nearest and all of them.
    @Test(arguments: ["documents", "institutions", "events", "places", "sources"])
    func anUnknownKind_IsA400_NamingTheKinds(collection: String) throws {
        let (_, page) = getJSON("/v1/\(collection)?facets=kind&limit=1")
        let kinds = page["facets"]?["kind"]?.array.compactMap { $0["value"]?.string } ?? []
        try #require(!kinds.isEmpty)
        for kind in kinds {
            #expect(getJSON("/v1/\(collection)?kind=\(encoded(kind))&limit=1").0 == 200)
        }
        let mistyped = String(kinds[0].dropLast())
        let (status, detail, parameter) = Self.detail("/v1/\(collection)?kind=\(encoded(mistyped))")
        #expect(status == 400)
        #expect(parameter == "kind")
        #expect(detail.contains("'\(mistyped)'"))
        #expect(detail.contains("Did you mean '\(kinds[0])'"), "\(detail)")
        #expect(detail.contains("The kinds of \(collection) are: \(kinds.sorted().joined(separator: ", "))."), "\(detail)")
        // One unknown value among known ones is still a 400: a filter's values are all checked.
        #expect(getJSON("/v1/\(collection)?kind=\(encoded(kinds[0])),zzz").0 == 400)
    }

    @Test func theIssuesExample_kindDecre() {
        let (status, detail, parameter) = Self.detail("/v1/documents?kind=decre")
        #expect(status == 400)
        #expect(parameter == "kind")
        #expect(detail.hasPrefix("No document is of kind 'decre'. Did you mean 'decree'? The kinds of documents are: "), "\(detail)")
    }

    @Test(arguments: [("/v1/documents/serov-instrucions", "'serov-instructions'"), ("/v1/institutions/nkbg", "'nkgb'"),
                      ("/v1/documents/serov-instrucions/dating", "'serov-instructions'")])
    func aMistypedID_IsA404_NamingTheNearestIDs(target: String, nearest: String) {
        let (status, detail, _) = Self.detail(target)
        #expect(status == 404)
        #expect(detail.contains("Did you mean \(nearest)"), "\(detail)")
    }

    @Test func anIDOfAnotherCollection_IsA404_NamingWhereItIs() {
        let (status, detail, _) = Self.detail("/v1/persons/nkgb")
        #expect(status == 404)
        #expect(detail == "There is no person with id 'nkgb'. 'nkgb' is an institution: /v1/institutions/nkgb.")
    }

    @Test func anIDNearNothing_IsAPlain404() {
        let (status, detail, _) = Self.detail("/v1/documents/zzzzzzzzzzzzzzzz")
        #expect(status == 404)
        #expect(detail == "There is no document with id 'zzzzzzzzzzzzzzzz'.")
    }

    /// `Accept: text/csv` (and the other download types) answers as `format=csv` does: the same
    /// bytes without `limit`, the same 400 with it.
    @Test(arguments: [("text/csv", "csv", "places"), ("application/x-ndjson", "ndjson", "places"),
                      ("application/geo+json", "geojson", "places"), ("text/csv", "csv", "documents")])
    func accept_AnswersAsFormatDoes(media: String, format: String, collection: String) {
        let byFormat = request("GET", "/v1/\(collection)?format=\(format)")
        let byAccept = request("GET", "/v1/\(collection)", headers: [("Accept", media)])
        #expect(byFormat.status == 200)
        #expect(byAccept.status == 200)
        #expect(byAccept.header("Content-Type") == byFormat.header("Content-Type"))
        #expect(byAccept.body == byFormat.body)
        for name in ["limit=5", "facets=kind", "pretty=true"] {
            let (formatStatus, _, formatParameter) = Self.detail("/v1/\(collection)?format=\(format)&\(name)")
            let (acceptStatus, acceptDetail, acceptParameter) = Self.detail("/v1/\(collection)?\(name)", headers: [("Accept", media)])
            #expect(formatStatus == 400)
            #expect(acceptStatus == formatStatus)
            #expect(acceptParameter == formatParameter)
            #expect(acceptDetail.contains("Accept: \(media) returns every matching row"), "\(acceptDetail)")
        }
    }
}
