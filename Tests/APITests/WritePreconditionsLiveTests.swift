import Testing
@testable import API
import TestSupport

/// What an RFC 9110 client expects of writes beyond If-Match: If-None-Match (create-only PUT),
/// If-Unmodified-Since, weak tags never matching If-Match, the charset of a body, the body types
/// named on OPTIONS, a deleted document's sub-resources answering 410, and unknown query parameters on writes.
@Suite struct WritePreconditionsLiveTests {
    let server = WriteTestServer.shared

    @Test func ifNoneMatchStar_MakesPUTCreateOnly() {
        let id = uniqueID("inm")
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-None-Match", "*")], body: placeBody(id)).status == 201)
        let again = server.send("PUT", "/v1/places/\(id)", headers: [("If-None-Match", "*")], body: placeBody(id, name: "Overwritten"))
        #expect(again.status == 412)
        #expect(again.header("Content-Type") == "application/problem+json")
        #expect(server.get("/v1/places/\(id)").json["name"]?.string == "Testville", "nothing was written")
    }

    @Test func ifNoneMatch_WithTheCurrentETag_412_WithAnotherTag_Written() {
        let id = uniqueID("inm")
        let etag = server.send("PUT", "/v1/places/\(id)", body: placeBody(id)).header("ETag") ?? ""
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-None-Match", "W/" + etag)], body: placeBody(id, name: "A")).status == 412,
                "If-None-Match compares weakly")
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-None-Match", #""other""#)], body: placeBody(id, name: "B")).status == 200)
    }

    @Test func ifUnmodifiedSince_BeforeTheLastChange_412_AfterIt_Written() {
        let id = uniqueID("ius")
        #expect(server.send("PUT", "/v1/places/\(id)", body: placeBody(id)).status == 201)
        let old = server.send("PUT", "/v1/places/\(id)", headers: [("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], body: placeBody(id, name: "A"))
        #expect(old.status == 412)
        #expect(server.get("/v1/places/\(id)").json["name"]?.string == "Testville")
        let future = server.send("PUT", "/v1/places/\(id)", headers: [("If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")], body: placeBody(id, name: "B"))
        #expect(future.status == 200)
        let etag = future.header("ETag") ?? ""
        let withIfMatch = server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", etag), ("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")],
                                      body: placeBody(id, name: "C"))
        #expect(withIfMatch.status == 200, "If-Unmodified-Since is ignored when If-Match is given (RFC 9110 §13.1.4)")
    }

    @Test func aWeakETagInIfMatch_NeverMatches() {
        let id = uniqueID("weak")
        let etag = server.send("PUT", "/v1/places/\(id)", body: placeBody(id)).header("ETag") ?? ""
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", "W/" + etag)], body: placeBody(id, name: "A")).status == 412)
        #expect(server.send("DELETE", "/v1/places/\(id)", headers: [("If-Match", "W/" + etag)]).status == 412)
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", #""nope", "# + etag)], body: placeBody(id, name: "B")).status == 200)
    }

    @Test func aCharsetOtherThanUTF8_415() {
        let id = uniqueID("cs")
        let latin = server.send("POST", "/v1/places", contentType: "application/json; charset=iso-8859-1", body: placeBody(id))
        #expect(latin.status == 415)
        #expect(latin.header("Accept-Post") == "application/json")
        #expect(server.send("POST", "/v1/places", contentType: #"application/json; charset="UTF-8""#, body: placeBody(id)).status == 201)
    }

    @Test func options_NamesTheBodyTypes() {
        let item = server.send("OPTIONS", "/v1/places/siauliai", token: nil)
        #expect(item.status == 204)
        #expect(item.header("Accept-Patch") == "application/merge-patch+json")
        let collection = server.send("OPTIONS", "/v1/places", token: nil)
        #expect(collection.header("Accept-Post") == "application/json")
        #expect(collection.header("Accept-Patch") == nil)
    }

    @Test func aDeletedDocumentsDating_410() {
        let id = uniqueID("doc")
        let body = #"{"id":"\#(id)","title":"t","kind":"order","summary":"s","stated_date":"1941-05-01","source_ids":["lt-exhibit-black-june"]}"#
        #expect(server.send("POST", "/v1/documents", body: body).status == 201)
        #expect(server.get("/v1/documents/\(id)/dating").status == 200)
        #expect(server.send("DELETE", "/v1/documents/\(id)").status == 204)
        let gone = server.send("GET", "/v1/documents/\(id)/dating", token: nil)
        #expect(gone.status == 410)
        #expect(gone.header("Content-Type") == "application/problem+json")
        #expect(server.send("HEAD", "/v1/documents/\(id)/dating", token: nil).status == 410)
        #expect(server.get("/v1/documents/\(id)/revisions").status == 200, "the history stays readable")
    }

    @Test func anUnknownQueryParameterOnAWrite_400NamingIt() {
        let id = uniqueID("qp")
        let response = server.send("PUT", "/v1/places/\(id)?bogus=1", body: placeBody(id))
        #expect(response.status == 400)
        #expect(response.json["parameter"]?.string == "bogus")
        #expect(server.get("/v1/places/\(id)").status == 404, "nothing was written")
        #expect(server.send("POST", "/v1/places?pretty=true", body: placeBody(id)).status == 400)
    }
}
