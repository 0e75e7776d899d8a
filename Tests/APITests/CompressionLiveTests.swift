import Testing
@testable import Server
import Support
import TestSupport

/// gzip over the real socket (RFC 9110 §8.4, §12.5.3): which `Accept-Encoding` gets gzip, what a
/// compressed answer carries (Vary, a distinct strong ETag), streamed downloads, HEAD and 304.
@Suite struct CompressionLiveTests {
    /// A list of 50: well over the 1 KiB floor.
    static let list = "/v1/sources?limit=50"

    static func gunzip(_ response: RawClient.Response) throws -> [UInt8] {
        try Gzip.decompress(response.body)
    }

    @Test(arguments: [
        // (Accept-Encoding, gzip expected)
        (nil, false),
        ("", false),
        ("gzip", true),
        ("GZIP", true),
        ("x-gzip", true),
        ("gzip;q=0", false),
        ("gzip; q=0.000", false),
        ("gzip;q=0.001", true),
        ("*", true),
        ("*;q=0", false),
        ("*;q=0.5, gzip;q=0", false),
        ("identity;q=0", false),  // nothing acceptable named: identity all the same, no 406
        ("identity;q=0, *", true),
        ("identity;q=0, gzip;q=0.2", true),
        ("gzip;q=0.5, identity", false),  // identity preferred
        ("identity;q=0.5, gzip", true),
        ("gzip, identity", true),  // a tie goes to gzip
        ("br, deflate", false),
        ("br;q=1, *;q=0.1", true),
        ("gzip;q=1.5", false),  // not a qvalue: the member is ignored
        ("deflate", false),
    ] as [(String?, Bool)])
    func acceptEncoding_QValues_ChooseTheCoding(_ acceptEncoding: String?, _ gzip: Bool) throws {
        let identity = request("GET", Self.list)
        let headers = acceptEncoding.map { [("Accept-Encoding", $0)] } ?? []
        let response = request("GET", Self.list, headers: headers)
        #expect(response.status == 200)
        #expect(response.header("Vary")?.contains("Accept-Encoding") == true)
        if gzip {
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.body.count < identity.body.count)
            #expect(try Self.gunzip(response) == identity.body)
        } else {
            #expect(response.header("Content-Encoding") == nil)
            #expect(response.body == identity.body)
        }
    }

    @Test func vary_IsSentOnBothCodings() {
        for headers in [[], [("Accept-Encoding", "gzip")]] {
            let response = request("GET", Self.list, headers: headers)
            let vary = response.header("Vary")?.split(separator: ",").map { $0.trimmingCharacters(in: " ").lowercased() } ?? []
            #expect(vary.contains("accept-encoding"))
        }
    }

    @Test(arguments: ["/v1/sources?limit=1", "/v1/no-such-collection", "/healthz"])
    func smallAnswers_AreSentAsTheyAre(_ target: String) throws {
        let identity = request("GET", target)
        try #require(identity.body.count < CompressionMiddleware.minimumSize, "\(target) is not a small answer")
        let response = request("GET", target, headers: [("Accept-Encoding", "gzip")])
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.body == identity.body)
    }

    @Test(arguments: [
        "/v1/sources?format=csv", "/v1/documents?format=ndjson", "/v1/places?format=geojson",
        "/v1/events?format=geojson", "/v1/export",
    ])
    func streamedDownloads_DecompressToTheIdentityBytes(_ target: String) throws {
        let identity = request("GET", target)
        #expect(identity.status == 200)
        #expect(identity.body.count >= CompressionMiddleware.minimumSize)
        let response = request("GET", target, headers: [("Accept-Encoding", "gzip")])
        #expect(response.status == 200)
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.header("Content-Type") == identity.header("Content-Type"))
        #expect(response.header("Vary")?.contains("Accept-Encoding") == true)
        #expect(response.body.count < identity.body.count)
        #expect(try Self.gunzip(response) == identity.body)
    }

    @Test(arguments: [list, "/v1/documents/serov-instructions", "/openapi.json"])
    func eachEncoding_HasItsOwnStrongETag(_ target: String) throws {
        let identity = request("GET", target)
        let gzip = request("GET", target, headers: [("Accept-Encoding", "gzip")])
        let identityTag = try #require(identity.header("ETag"))
        let gzipTag = try #require(gzip.header("ETag"))
        #expect(gzip.header("Content-Encoding") == "gzip")
        #expect(!identityTag.hasPrefix("W/") && !gzipTag.hasPrefix("W/"))
        #expect(gzipTag != identityTag)
        #expect(gzipTag == EntityTag.coded(identityTag, .gzip))
        // The same request again (now a cache hit) names the same representation.
        #expect(request("GET", target, headers: [("Accept-Encoding", "gzip")]).header("ETag") == gzipTag)
    }

    @Test(arguments: [
        (list, nil), (list, "gzip"), ("/v1/export", "gzip"), ("/v1/sources?format=csv", "gzip"), ("/v1/sources?limit=1", "gzip"),
    ] as [(String, String?)])
    func head_HasTheHeadersOfGet(_ target: String, _ acceptEncoding: String?) {
        let headers = acceptEncoding.map { [("Accept-Encoding", $0)] } ?? []
        let get = request("GET", target, headers: headers)
        let head = request("HEAD", target, headers: headers)
        #expect(head.status == get.status)
        #expect(head.body.isEmpty)
        for name in ["Content-Type", "Content-Encoding", "Content-Length", "Transfer-Encoding", "ETag", "Vary",
                     "Cache-Control", "Last-Modified", "Content-Disposition"] {
            #expect(head.header(name) == get.header(name), "\(name) of HEAD \(target)")
        }
    }

    @Test func ifNoneMatch_WithTheGzipETag_Is304_OnlyForTheGzipRepresentation() throws {
        let gzip = request("GET", Self.list, headers: [("Accept-Encoding", "gzip")])
        let gzipTag = try #require(gzip.header("ETag"))
        let identityTag = EntityTag.identity(of: gzipTag)

        let notModified = request("GET", Self.list, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)])
        #expect(notModified.status == 304)
        #expect(notModified.body.isEmpty)
        #expect(notModified.header("ETag") == gzipTag)
        #expect(notModified.header("Vary")?.contains("Accept-Encoding") == true)
        #expect(request("HEAD", Self.list, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)]).status == 304)

        // The client holds the gzip bytes; one that asks for identity needs the identity ones.
        let identity = request("GET", Self.list, headers: [("If-None-Match", gzipTag)])
        #expect(identity.status == 200)
        #expect(identity.header("ETag") == identityTag)
        #expect(request("GET", Self.list, headers: [("If-None-Match", identityTag)]).status == 304)
        // A list naming both tags matches whichever representation is chosen.
        let both = "\(identityTag), \(gzipTag)"
        #expect(request("GET", Self.list, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", both)]).status == 304)
    }
}
