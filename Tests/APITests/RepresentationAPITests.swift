import Testing
@testable import API
@testable import Server
import Store
import Support

@Suite struct RepresentationAPITests {
    @Test func index_NamesEveryCollection_WithCounts_AndLinks() {
        let (status, index) = getJSON("/v1")
        #expect(status == 200)
        #expect(index["collections"]?["documents"]?["count"]?.int == 17)
        #expect(index["collections"]?["sources"]?["href"]?.string == "/v1/sources")
        #expect(index["links"]?["openapi"]?.string == "/openapi.json")
        #expect(index["revision"]?.int != nil)
        #expect(index["terms_of_reuse"]?.string?.isEmpty == false)
    }

    @Test func serovInstructions_CarryTheirDateObject_AndReferences() {
        let (status, document) = getJSON("/v1/documents/serov-instructions")
        #expect(status == 200)
        #expect(document["date"]?["earliest"]?.string == "1941-02-03")
        #expect(document["date"]?["latest"]?.string == "1941-06-07")
        #expect(document["date"]?["display"]?.string == "between 3 February and 7 June 1941")
        #expect(document["issuer"]?["href"]?.string == "/v1/institutions/nkgb")
        #expect(document["undated"] == .bool(true))
    }

    @Test func confusedWith_IsShownOnBothDocuments() {
        func related(_ id: String) -> [String] {
            getJSON("/v1/documents/\(id)").1["relations"]?.array.compactMap { relation in
                relation["type"] == "confused_with" ? relation["item"]?["id"]?.string : nil
            } ?? []
        }
        #expect(related("serov-instructions").contains("nkvd-order-001223"))
        #expect(related("nkvd-order-001223").contains("serov-instructions"))
    }

    @Test func conditionalGet_With_MatchingETag_Is304_WithoutBody() {
        let first = request("GET", "/v1/documents/ivan-serov")
        #expect(first.status == 404)  // a person is not a document
        let person = request("GET", "/v1/persons/ivan-serov")
        let etag = person.header("ETag")!
        #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
        #expect(person.header("Cache-Control") == "public, max-age=60")
        #expect(person.header("Last-Modified") != nil)
        let again = request("GET", "/v1/persons/ivan-serov", headers: [("If-None-Match", "\"other\", \(etag)")])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(request("GET", "/v1/persons/ivan-serov", headers: [("If-None-Match", "*")]).status == 304)
        #expect(request("GET", "/v1/persons/ivan-serov", headers: [("If-None-Match", "\"other\"")]).status == 200)
        let modified = person.header("Last-Modified")!
        #expect(request("GET", "/v1/persons/ivan-serov", headers: [("If-Modified-Since", modified)]).status == 304)
    }

    @Test func sameContent_GivesTheSameETag() {
        let a = request("GET", "/v1/documents?limit=3").header("ETag")
        let b = request("GET", "/v1/documents?limit=3").header("ETag")
        let c = request("GET", "/v1/documents?limit=4").header("ETag")
        #expect(a == b)
        #expect(a != c)
    }

    @Test func head_HasTheHeadersOfGet_AndNoBody() {
        let get = request("GET", "/v1/documents/serov-instructions")
        let head = request("HEAD", "/v1/documents/serov-instructions")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == get.header("Content-Length"))
        #expect(head.header("ETag") == get.header("ETag"))
    }

    @Test func csv_HasAHeaderRow_QuotesPerRFC4180_AndADownloadName() {
        let response = request("GET", "/v1/documents?format=csv")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(response.header("Content-Disposition")?.contains("documents.csv") == true)
        let text = response.text
        #expect(text.hasPrefix("id,type,title,kind,date_edtf,date_earliest,date_latest,date_display,href,summary\r\n"))
        #expect(text.components(separatedBy: "\r\n").count >= 18)
        let byAccept = request("GET", "/v1/documents", headers: [("Accept", "text/csv")])
        #expect(byAccept.text == text)
        #expect(byAccept.header("Vary")?.contains("Accept") == true)
    }

    @Test func csvQuoting_DoublesQuotes_AndQuotesCommas() {
        #expect(Formats.csvLine(["a", "b,c", "say \"hi\"", "x\ny"]) == Array("a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n".utf8))
    }

    @Test func ndjson_HasOneItemPerLine_AndFiltersApply() {
        let lines = request("GET", "/v1/documents?format=ndjson&kind=decree").text.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { (try? JSONParser.parse(String($0)))?["type"] == "document" })
    }

    @Test func geojson_GivesPointsOfPlacesWithCoordinates_LonLat() {
        let response = request("GET", "/v1/places?format=geojson")
        let collection = (try? JSONParser.parse(response.body)) ?? .null
        #expect(collection["type"] == "FeatureCollection")
        let siauliai = collection["features"]?.array.first { $0["properties"]?["id"] == "siauliai" }
        #expect(siauliai?["geometry"]?["coordinates"] == [.double(23.32), .double(55.93)])
        let latvia = collection["features"]?.array.first { $0["properties"]?["id"] == "latvia" }
        #expect(latvia?["properties"]?["coordinates_point"] == "capital: Riga")
        #expect(latvia?["properties"]?["coordinates_source_id"] == "gaz-latvia")
        #expect(request("GET", "/v1/documents?format=geojson").status == 400)
        let events = (try? JSONParser.parse(request("GET", "/v1/events", headers: [("Accept", "application/geo+json")]).body)) ?? .null
        #expect(events["type"] == "FeatureCollection")
    }

    @Test func geojson_OfEvents_GivesAPointPerPlaceTheyName() {
        let events = (try? JSONParser.parse(request("GET", "/v1/events?format=geojson").body)) ?? .null
        let june = events["features"]?.array.filter { $0["properties"]?["id"] == "june-deportation-1941" } ?? []
        let latvia = june.first { $0["properties"]?["place"]?["id"] == "latvia" }
        #expect(latvia?["properties"]?["role"] == "country")
        #expect(latvia?["geometry"]?["coordinates"] == [.double(24.11), .double(56.95)])
        #expect(latvia?["properties"]?["coordinates_point"] == "capital: Riga")
        #expect(june.contains { $0["properties"]?["role"] == "destination" })
    }

    @Test func cors_ReadsAnswerAnyOrigin_AndPreflightListsMethodsAndHeaders() {
        let read = request("GET", "/v1/documents?limit=1", headers: [("Origin", "https://school.example")])
        #expect(read.header("Access-Control-Allow-Origin") == "*")
        #expect(read.header("Access-Control-Expose-Headers")?.contains("ETag") == true)
        let preflight = request("OPTIONS", "/v1/documents", headers: [("Origin", "https://school.example"), ("Access-Control-Request-Method", "GET")])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Methods")?.contains("GET") == true)
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("If-None-Match") == true)
        #expect(preflight.header("Access-Control-Max-Age") != nil)
        #expect(request("OPTIONS", "/v1/nowhere/at/all").status == 404)
    }

    @Test func unknownMethod_Is405_WithAllow() {
        let response = request("DELETE", "/v1")
        #expect(response.status == 405)
        #expect(response.header("Allow")?.contains("GET") == true)
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test func export_StreamsTheImportFormat_AsADownload() {
        let response = request("GET", "/v1/export")
        #expect(response.status == 200)
        #expect(response.header("Content-Disposition")?.contains("filename=") == true)
        let export = (try? JSONParser.parse(response.body)) ?? .null
        #expect(export["format"] == "deportation-archive/1")
        #expect(export["documents"]?.array.count == 17)
    }

    @Test func search_FindsAcrossCollections_DiacriticInsensitive() {
        let (status, hits) = getJSON("/v1/search?q=siauliai")
        #expect(status == 200)
        #expect(hits["items"]?.array.contains { $0["id"] == "siauliai" } == true)
        #expect(request("GET", "/v1/search").status == 400)
        #expect(request("GET", "/v1/search?q=\(encoded("NEAR( \"*"))").status == 200)
    }

    @Test func pretty_IndentsJSON() {
        let response = request("GET", "/v1?pretty=true")
        #expect(response.text.contains("\n  \"name\""))
    }
}
