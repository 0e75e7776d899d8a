import Testing
@testable import API
import Store
import Support

/// The `kind` filters are a closed vocabulary of the data's own kinds, and `GET /openapi.json`
/// says so: their `enum` is the database's kinds (the embedded bytes while they are the
/// documented ones, which are the embedded archive's).
@Suite struct OpenAPIKindsLiveTests {
    @Test func theDocumentedKinds_AreTheEmbeddedArchives() throws {
        let kinds = try APITestServer.shared.api.archive.kinds(of: OpenAPIDocument.kindParameters.map { type, _ in type })
        #expect(OpenAPIDocument.documentedKinds() == kinds)
        #expect(request("GET", "/openapi.json").body == OpenAPIDocument.bytes)
    }

    @Test func theDocumentWithOtherKinds_ListsThem_OrNoneWhenThereAreNone() throws {
        let document = OpenAPIDocument.with(kinds: [.place: ["city", "spa-town"]])
        #expect(OpenAPIDocument.documentedKinds(in: document)[.place] == ["city", "spa-town"])
        let items = document["components"]?["parameters"]?["documents_kind"]?["schema"]?["items"]
        #expect(items?["enum"] == nil)
        #expect(items?["minLength"] == .int(1))
        #expect(document["paths"] == OpenAPIDocument.value["paths"])
    }

    /// A curator's new kind is accepted by the filter and appears in the served document at once.
    @Test func aNewKind_IsServedInTheDocument_AndAccepted() throws {
        let server = WriteTestServer()
        let id = uniqueID("spa")
        #expect(server.send("POST", "/v1/places", contentType: "application/json",
                            body: placeBody(id).replacing(#""kind":"city""#, with: #""kind":"spa-town""#)).status == 201)
        #expect(server.get("/v1/places?kind=spa-town").status == 200)
        #expect(server.get("/v1/places?kind=spa-twn").json["detail"]?.string?.contains("Did you mean 'spa-town'?") == true)
        let served = server.get("/openapi.json").json
        #expect(OpenAPIDocument.documentedKinds(in: served)[.place]?.contains("spa-town") == true)
        #expect(OpenAPIDocument.documentedKinds(in: served)[.document] == OpenAPIDocument.documentedKinds()[.document])
    }
}
