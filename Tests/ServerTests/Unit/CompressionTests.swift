import Testing
@testable import Server

/// Accept-Encoding negotiation, the gzip wrapper, and CompressionMiddleware on canned answers.
@Suite struct CompressionTests {
    // MARK: - Negotiation (RFC 9110 §12.5.3)

    @Test(arguments: [
        (nil, ContentCoding.identity),                       // no field: identity
        ("", .identity),                                     // empty field: no coding wanted
        ("gzip", .gzip),
        ("GZIP", .gzip),                                     // codings are case-insensitive
        ("x-gzip", .gzip),                                   // the alias
        ("gzip, deflate, br", .gzip),
        ("br, deflate", .identity),                          // nothing we can make
        ("gzip;q=0", .identity),
        ("gzip; q=0.000", .identity),
        ("gzip;q=0.5", .gzip),                               // unlisted identity is the least preferred
        ("gzip;q=0.5, identity;q=1", .identity),             // identity preferred
        ("gzip;q=0.5, identity;q=0.4", .gzip),
        ("identity;q=0, gzip", .gzip),
        ("identity", .identity),
        ("*", .gzip),                                        // any coding: gzip preferred on a tie
        ("*;q=0", .identity),                                // nothing acceptable: identity anyway
        ("*;q=0.3, identity;q=0.5", .identity),              // * gives gzip 0.3
        ("*;q=0.3", .gzip),
        ("*, gzip;q=0", .identity),                          // explicit gzip;q=0 beats *
        ("identity;q=0, *;q=0", .identity),
        ("x-gzip;q=0.8, gzip;q=0", .gzip),                   // either name accepts it
        ("gzip;q=2", .identity),                             // not a qvalue: the member is ignored
        ("gzip;q=0.1234", .identity),
        ("gzip;q=abc", .identity),
        ("gzip;level=9", .gzip),                             // other parameters are ignored
        (" , gzip ,", .gzip),                                // empty members are skipped
        ("gzip;q=1.", .gzip),
    ] as [(String?, ContentCoding)])
    func negotiation(field: String?, expected: ContentCoding) {
        #expect(ContentCoding.negotiate(field.map { [$0] } ?? []) == expected, "Accept-Encoding: \(field ?? "(none)")")
    }

    @Test func negotiation_ReadsEveryFieldLine() {
        #expect(ContentCoding.negotiate(["identity;q=0.1", "gzip"]) == .gzip)
        #expect(ContentCoding.negotiate(["gzip", "gzip;q=0"]) == .gzip)  // the best quality given to it counts
    }

    // MARK: - The wrapper

    static let text: [UInt8] = Array((0..<4000).map { "{\"id\":\"item-\($0)\",\"title\":\"Line \($0 % 17)\"}," }.joined().utf8)

    @Test func compress_RoundTrips_AndShrinksText() throws {
        let compressed = try Gzip.compress(Self.text)
        #expect(compressed.prefix(3) == [0x1F, 0x8B, 0x08])  // gzip magic and deflate
        #expect(compressed.count * 5 < Self.text.count)
        #expect(try Gzip.decompress(compressed) == Self.text)
        #expect(try Gzip.decompress(try Gzip.compress([])) == [])
    }

    @Test func decompress_RefusesACutStream_UnlessAskedForThePrefix() throws {
        let compressed = try Gzip.compress(Self.text)
        #expect(throws: GzipError.self) { try Gzip.decompress(Array(compressed.prefix(compressed.count - 8))) }
        #expect(throws: GzipError.self) { try Gzip.decompress(Array("plain text, not gzip".utf8)) }
        #expect(try Gzip.decompress(Array(compressed.prefix(compressed.count - 8)), requireEnd: false) == Self.text)
    }

    @Test func encoder_EmitsOneStream_AndASyncFlushMakesEverythingSoFarReadable() throws {
        let encoder = try GzipEncoder(outputCapacity: 512)  // small buffer: many emits per call
        var out: [UInt8] = []
        let half = Self.text.count / 2
        try encoder.write(Array(Self.text[..<half]), flush: .sync) { out += $0 }
        #expect(try Gzip.decompress(out, requireEnd: false) == Array(Self.text[..<half]))
        try encoder.write(Array(Self.text[half...])) { out += $0 }
        try encoder.finish { out += $0 }
        #expect(try Gzip.decompress(out) == Self.text)
    }

    // MARK: - The middleware

    struct Canned: HTTPResponder {
        let response: HTTPResponse
        func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse { response }
    }

    static func answer(_ response: HTTPResponse, acceptEncoding: String? = "gzip", method: HTTPMethod = .GET) -> HTTPResponse {
        var headers = HTTPFields()
        if let acceptEncoding { headers.set("Accept-Encoding", acceptEncoding) }
        return CompressionMiddleware().respond(to: HTTPRequest(method: method, target: "/x", headers: headers),
                                               context: RequestContext(requestID: "t"), next: Canned(response: response))
    }

    static func json(_ bytes: [UInt8], etag: String? = "\"abc\"") -> HTTPResponse {
        var response = HTTPResponse.json(bytes)
        if let etag { response.headers.set("ETag", etag) }
        return response
    }

    static func bytes(_ response: HTTPResponse) -> [UInt8] {
        if case .bytes(let bytes) = response.body { return bytes }
        return []
    }

    @Test func json_IsCompressed_WithVary_AndACodedETag() throws {
        let response = Self.answer(Self.json(Self.text))
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(response.headers["ETag"] == "\"abc-gzip\"")
        #expect(try Gzip.decompress(Self.bytes(response)) == Self.text)
    }

    @Test func identity_StillVaries_AndKeepsItsTag() {
        for field in [nil, "gzip;q=0", "br"] as [String?] {
            let response = Self.answer(Self.json(Self.text), acceptEncoding: field)
            #expect(response.headers["Content-Encoding"] == nil)
            #expect(response.headers["Vary"] == "Accept-Encoding")
            #expect(response.headers["ETag"] == "\"abc\"")
            #expect(Self.bytes(response) == Self.text)
        }
    }

    @Test func smallAnswers_AreSentAsTheyAre_ButVary() {
        let small = Array(Self.text.prefix(CompressionMiddleware.minimumSize - 1))
        let response = Self.answer(Self.json(small))
        #expect(response.headers["Content-Encoding"] == nil && Self.bytes(response) == small)
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(Self.answer(Self.json(Array(Self.text.prefix(CompressionMiddleware.minimumSize)))).headers["Content-Encoding"] == "gzip")
    }

    @Test func vary_IsAddedToAnExistingList() {
        var response = Self.json(Self.text)
        response.headers.set("Vary", "Accept")
        #expect(Self.answer(response).headers["Vary"] == "Accept, Accept-Encoding")
    }

    @Test func untouched_NoTransform_AlreadyEncoded_NotModified_NoContent_AndBinaryTypes() {
        var noTransform = Self.json(Self.text)
        noTransform.headers.set("Cache-Control", "public, no-transform")
        var encoded = Self.json(Self.text)
        encoded.headers.set("Content-Encoding", "br")
        let notModified = HTTPResponse(status: 304, headers: ["ETag": "\"abc\"", "Content-Type": "application/json"])
        let noContent = HTTPResponse(status: 204, headers: ["Content-Type": "application/json"])
        let image = HTTPResponse(status: 200, headers: ["Content-Type": "image/png"], body: .bytes(Self.text))
        for response in [noTransform, encoded, notModified, noContent, image] {
            let answer = Self.answer(response)
            #expect(answer.headers["Content-Encoding"] == response.headers["Content-Encoding"])
            #expect(answer.headers["Vary"] == nil)
            #expect(answer.headers["ETag"] == response.headers["ETag"])
        }
    }

    @Test func compressibleTypes() {
        for type in ["application/json", "application/problem+json", "application/geo+json", "text/csv; charset=utf-8; header=present",
                     "application/x-ndjson", "text/html; charset=utf-8", "text/plain", "application/vnd.oai.openapi+json", "APPLICATION/JSON"] {
            #expect(CompressionMiddleware.isCompressible(type), "\(type)")
        }
        for type in ["image/png", "application/octet-stream", "application/gzip", "application/jsonx"] {
            #expect(!CompressionMiddleware.isCompressible(type), "\(type)")
        }
    }

    @Test func errorsInProblemJSON_AreCompressedToo() throws {
        var problem = Self.json(Self.text, etag: nil)
        problem.status = 400
        problem.headers.set("Content-Type", "application/problem+json")
        let response = Self.answer(problem)
        #expect(response.status == 400 && response.headers["Content-Encoding"] == "gzip" && response.headers["ETag"] == nil)
    }

    @Test func head_IsCompressedLikeGet() {
        let get = Self.answer(Self.json(Self.text))
        let head = Self.answer(Self.json(Self.text), method: .HEAD)
        #expect(Self.bytes(head).count == Self.bytes(get).count)
        #expect(Array(head.headers.map(\.name)) == Array(get.headers.map(\.name)))
    }

    @Test func streams_AreCompressedPieceByPiece_AndFlushedOnTheWay() throws {
        let pieces = stride(from: 0, to: Self.text.count, by: 16 * 1024).map { Array(Self.text[$0..<min($0 + 16 * 1024, Self.text.count)]) }
        let text = Array(repeating: Self.text, count: 2).flatMap { $0 }
        let doubled = pieces + pieces
        var streamed = HTTPResponse.stream(contentType: "application/x-ndjson") { writer in
            for piece in doubled { try writer.write(piece) }
        }
        streamed.headers.set("ETag", "W/\"s\"")
        let response = Self.answer(streamed)
        #expect(response.headers["Content-Encoding"] == "gzip" && response.headers["ETag"] == "W/\"s-gzip\"")
        guard case .stream(let produce) = response.body else { Issue.record("not a stream"); return }
        var sent: [[UInt8]] = []
        try produce(BodyWriter { sent.append(Array($0)) })
        let all = sent.flatMap { $0 }
        #expect(try Gzip.decompress(all) == text)
        // Somewhere before the end, what was sent already decodes to a prefix of at least
        // syncFlushBytes: a sync flush happened, so a slow reader gets data as it is made.
        let partial = sent.indices.dropLast().lazy.map { try? Gzip.decompress(sent[...$0].flatMap { $0 }, requireEnd: false) }
        #expect(partial.contains { ($0?.count ?? 0) >= GzipBody.syncFlushBytes && text.starts(with: $0 ?? [1]) })
    }

    @Test func codedTags_AndBack() {
        #expect(EntityTag.coded("\"abc\"", .gzip) == "\"abc-gzip\"")
        #expect(EntityTag.coded("W/\"abc\"", .gzip) == "W/\"abc-gzip\"")
        #expect(EntityTag.coded("\"abc\"", .identity) == "\"abc\"")
        #expect(EntityTag.identity(of: "\"abc-gzip\"") == "\"abc\"")
        #expect(EntityTag.identity(of: "\"abc\"") == "\"abc\"")
    }
}
