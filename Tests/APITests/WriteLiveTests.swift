import Testing
@testable import API
import Support
import TestSupport

/// Curator writes over the socket, as a client sees them: authentication, the four methods,
/// preconditions, bodies and their problems, the lost-update race, merge patch, revisions, the
/// changes feed, batch import and CORS. Most tests share ``WriteTestServer/shared`` with ids of
/// their own; those that need other settings start a server of their own.
@Suite struct WriteLiveTests {
    let server = WriteTestServer.shared

    /// The problem's pointers, in order.
    static func pointers(_ response: RawClient.Response) -> [String] {
        response.json["errors"]?.array.compactMap { $0["pointer"]?.string } ?? []
    }

    /// The detail of the problem at `pointer`.
    static func detail(_ response: RawClient.Response, at pointer: String) -> String {
        response.json["errors"]?.array.first { $0["pointer"]?.string == pointer }?["detail"]?.string ?? ""
    }

    // MARK: - Who may write

    @Test func noToken_EveryWriteIs403ReadOnly_And405StaysForOtherPaths() {
        let readOnly = WriteTestServer(curators: [])
        let id = uniqueID("ro")
        for (method, target, body) in [("POST", "/v1/sources", sourceBody(id)), ("PUT", "/v1/sources/\(id)", sourceBody(id)),
                                       ("PATCH", "/v1/sources/\(id)", "{}"), ("DELETE", "/v1/sources/ivan-serov", nil),
                                       ("POST", "/v1/import", "{}")] {
            let response = readOnly.send(method, target, token: nil, body: body)
            #expect(response.status == 403, "\(method) \(target)")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.lowercased().contains("read-only"), "\(method) \(target): \(response.text)")
        }
        #expect(readOnly.send("POST", "/v1/search", token: nil, body: "{}").status == 405)
        #expect(readOnly.get("/v1/sources/\(id)").status == 404, "nothing was written")
    }

    @Test func readOnlyFlag_Refuses_EvenWithAToken() {
        let readOnly = WriteTestServer { $0.readOnly = true }
        let response = readOnly.send("POST", "/v1/sources", body: sourceBody(uniqueID("ro")))
        #expect(response.status == 403)
        #expect(response.text.contains("--read-only"))
    }

    @Test func withoutOrWithAWrongToken_401WithTheBearerChallenge() {
        let id = uniqueID("auth")
        let missing = server.send("POST", "/v1/sources", token: nil, body: sourceBody(id))
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate") == #"Bearer realm="archive""#)
        let wrong = server.send("POST", "/v1/sources", token: "not-a-curators-token-000", body: sourceBody(id))
        #expect(wrong.status == 401)
        #expect(wrong.header("WWW-Authenticate") == #"Bearer realm="archive", error="invalid_token""#)
        let basic = server.send("PUT", "/v1/sources/\(id)", token: nil, headers: [("Authorization", "Basic YWRtaW46YWRtaW4=")], body: sourceBody(id))
        #expect(basic.status == 401)
        #expect(server.get("/v1/sources/\(id)").status == 404, "nothing was written")
    }

    // MARK: - The methods

    @Test func post_201WithLocationAndETag_AndAGETRightAfterSeesIt() {
        let id = uniqueID("post")
        #expect(server.get("/v1/sources/\(id)").status == 404)  // a 404 that a cache could keep
        let created = server.send("POST", "/v1/sources", token: WriteTestServer.rutaToken, headers: [("X-Edit-Summary", "A new source")],
                                  body: sourceBody(id))
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/sources/\(id)")
        let etag = created.header("ETag")
        #expect(etag?.hasPrefix("\"") == true)
        #expect(created.json["id"]?.string == id)
        #expect(created.json["type"]?.string == "source")
        let read = server.get("/v1/sources/\(id)")
        #expect(read.status == 200)
        #expect(read.etag == etag, "the write's ETag is the one GET serves")
        #expect(read.json["title"]?.string == "A source written by a test")
        let revisions = server.get("/v1/sources/\(id)/revisions").json["items"]?.array ?? []
        #expect(revisions.first?["curator"]?.string == "ruta")
        #expect(revisions.first?["summary"]?.string == "A new source")
        #expect(revisions.first?["action"]?.string == "create")

        let again = server.send("POST", "/v1/sources", body: sourceBody(id))
        #expect(again.status == 409)
        #expect(again.header("Content-Type") == "application/problem+json")
    }

    @Test func put_Creates201_ThenReplaces200() {
        let id = uniqueID("put")
        let created = server.send("PUT", "/v1/places/\(id)", body: placeBody(id))
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/places/\(id)")
        let replaced = server.send("PUT", "/v1/places/\(id)", body: placeBody(id, name: "Renamed"))
        #expect(replaced.status == 200)
        #expect(replaced.header("ETag") != created.header("ETag"))
        #expect(replaced.json["name"]?.string == "Renamed")
        #expect(server.get("/v1/places/\(id)").json["name"]?.string == "Renamed")
    }

    @Test func delete_WithReferrers409NamingThem_Then204_410_AndRestoreByPUTOfAnOldBody() throws {
        let source = uniqueID("src")
        let place = uniqueID("place")
        #expect(server.send("POST", "/v1/sources", body: sourceBody(source)).status == 201)
        #expect(server.send("POST", "/v1/places", body: placeBody(place, source: source)).status == 201)

        let refused = server.send("DELETE", "/v1/sources/\(source)")
        #expect(refused.status == 409)
        #expect(refused.json["detail"]?.string?.contains(place) == true, "the 409 names the referrer: \(refused.text)")
        #expect(server.get("/v1/sources/\(source)").status == 200)

        // Counted by a query that only this test's place matches (other tests write meanwhile).
        let counted = "/v1/places?q=\(place)"
        #expect(server.get(counted).json["total"]?.int == 1)
        #expect(server.get("/v1/places/\(place)").status == 200)  // cached before the delete
        let deleted = server.send("DELETE", "/v1/places/\(place)", headers: [("X-Edit-Summary", "Duplicate")])
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        let gone = server.send("GET", "/v1/places/\(place)", token: nil)
        #expect(gone.status == 410)
        #expect(gone.header("Content-Type") == "application/problem+json")
        let deletedAt = try #require(gone.json["deleted_at_revision"]?.int)
        #expect(server.get(counted).json["total"]?.int == 0, "gone from lists and counts")
        #expect(server.get("/v1/search?q=\(place)").json["items"]?.array.isEmpty == true, "gone from search")
        #expect(server.send("DELETE", "/v1/places/\(place)").status == 410)
        #expect(server.send("PATCH", "/v1/places/\(place)", body: #"{"name":"x"}"#).status == 410)
        #expect(server.send("POST", "/v1/places", body: placeBody(place, source: source)).status == 409, "an id that existed")

        let history = server.get("/v1/places/\(place)/revisions").json["items"]?.array ?? []
        #expect(history.map { $0["action"]?.string } == ["delete", "create"])
        #expect(history.first?["revision"]?.int == deletedAt)
        #expect(history.first?["summary"]?.string == "Duplicate")
        let createdAt = try #require(history.last?["revision"]?.int)
        let old = server.get("/v1/places/\(place)/revisions/\(createdAt)").json
        let oldBody = try #require(old["body"])
        #expect(oldBody["id"]?.string == place)
        let deleteDetail = server.get("/v1/places/\(place)/revisions/\(deletedAt)").json
        #expect(deleteDetail["body"] == .null)

        let restored = server.send("PUT", "/v1/places/\(place)", body: JSONWriter.string(oldBody))
        #expect(restored.status == 201, "a restore creates a current representation again (RFC 9110 §9.3.4)")
        #expect(restored.header("Location") == "/v1/places/\(place)")
        #expect(server.get("/v1/places/\(place)").status == 200)
        #expect(server.get("/v1/places/\(place)/revisions").json["items"]?.array.first?["action"]?.string == "restore")
        #expect(server.get(counted).json["total"]?.int == 1)
    }

    // MARK: - Preconditions

    @Test func staleIfMatch_412AndNothingChanged_CurrentIfMatchWins() {
        let id = uniqueID("match")
        let first = server.send("POST", "/v1/places", body: placeBody(id)).header("ETag") ?? ""
        let second = server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", first)], body: placeBody(id, name: "Second"))
        #expect(second.status == 200)
        let stale = server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", first)], body: placeBody(id, name: "Lost"))
        #expect(stale.status == 412)
        #expect(stale.header("Content-Type") == "application/problem+json")
        #expect(server.send("PATCH", "/v1/places/\(id)", headers: [("If-Match", first)], body: #"{"name":"Lost"}"#).status == 412)
        #expect(server.send("DELETE", "/v1/places/\(id)", headers: [("If-Match", first)]).status == 412)
        let read = server.get("/v1/places/\(id)")
        #expect(read.json["name"]?.string == "Second")
        #expect(read.etag == second.header("ETag"))
        let list = server.send("PATCH", "/v1/places/\(id)", headers: [("If-Match", "\"0000\", \(read.etag ?? "")")], body: #"{"name":"Third"}"#)
        #expect(list.status == 200, "a list of tags matches any of them")
    }

    @Test func ifMatchStar_OnAMissingItem_412() {
        let id = uniqueID("star")
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", "*")], body: placeBody(id)).status == 412)
        #expect(server.get("/v1/places/\(id)").status == 404)
        #expect(server.send("PUT", "/v1/places/\(id)", body: placeBody(id)).status == 201)
        #expect(server.send("PUT", "/v1/places/\(id)", headers: [("If-Match", "*")], body: placeBody(id, name: "Star")).status == 200)
    }

    @Test func ifMatch_WithTheGzipFormOfTheETag_NamesTheSameVersion() {
        // serov-instructions is far over the 1 KiB under which answers go uncompressed.
        let gzipTag = server.get("/v1/documents/serov-instructions", headers: [("Accept-Encoding", "gzip")]).etag ?? ""
        #expect(gzipTag.hasSuffix("-gzip\""), "got \(gzipTag)")
        let response = server.send("PATCH", "/v1/documents/serov-instructions", contentType: "application/merge-patch+json",
                                   headers: [("If-Match", gzipTag)], body: #"{"notes":"Checked against the gzip tag."}"#)
        #expect(response.status == 200)
        #expect(server.send("PATCH", "/v1/documents/serov-instructions", contentType: "application/merge-patch+json",
                            headers: [("If-Match", gzipTag)], body: #"{"notes":"stale"}"#).status == 412)
    }

    @Test func requireIfMatch_428WithoutIt() {
        let strict = WriteTestServer { $0.requireIfMatch = true }
        let id = uniqueID("strict")
        #expect(strict.send("POST", "/v1/places", body: placeBody(id)).status == 201, "POST needs no If-Match")
        for (method, body) in [("PUT", placeBody(id, name: "x")), ("PATCH", #"{"name":"x"}"#), ("DELETE", nil)] {
            let response = strict.send(method, "/v1/places/\(id)", body: body)
            #expect(response.status == 428, "\(method)")
            #expect(response.header("Content-Type") == "application/problem+json")
        }
        let etag = strict.get("/v1/places/\(id)").etag ?? ""
        #expect(strict.send("PATCH", "/v1/places/\(id)", headers: [("If-Match", etag)], body: #"{"name":"y"}"#).status == 200)
    }

    @Test func lostUpdateRace_ExactlyOneOfTwoPUTsWithTheSameIfMatchWins() {
        let id = uniqueID("race")
        #expect(server.send("POST", "/v1/places", body: placeBody(id)).status == 201)
        for round in 0..<30 {
            let etag = server.get("/v1/places/\(id)").etag ?? ""
            let clients = [RawClient(port: server.port, timeoutMilliseconds: 10000), RawClient(port: server.port, timeoutMilliseconds: 10000)]
            for (index, client) in clients.enumerated() {
                client.send(WriteTestServer.requestText("PUT", "/v1/places/\(id)", token: index == 0 ? WriteTestServer.adminToken : WriteTestServer.rutaToken,
                                                        contentType: "application/json", headers: [("If-Match", etag), ("Connection", "close")],
                                                        body: placeBody(id, name: "Round \(round) by \(index)")))
            }
            let statuses = clients.map { $0.readResponse()?.status ?? 0 }.sorted()
            #expect(statuses == [200, 412], "round \(round): \(statuses)")
        }
        let history = server.get("/v1/places/\(id)/revisions?limit=100").json["items"]?.array ?? []
        #expect(history.count == 31, "one create and one update per round")
    }

    // MARK: - Bodies

    @Test func overTheBodyLimit_413() {
        let small = WriteTestServer(maxBodySize: 256)
        let id = uniqueID("big")
        let response = small.send("POST", "/v1/places", body: placeBody(id, name: String(repeating: "x", count: 300)))
        #expect(response.status == 413)
        #expect(small.get("/v1/places/\(id)").status == 404)
        #expect(small.send("POST", "/v1/places", body: placeBody(id)).status == 201, "a body under the limit is taken")
    }

    @Test func notJSON_415WithAcceptPostOrAcceptPatch() {
        let id = uniqueID("media")
        let post = server.send("POST", "/v1/places", contentType: "text/plain", body: placeBody(id))
        #expect(post.status == 415)
        #expect(post.header("Accept-Post") == "application/json")
        let missing = server.send("PUT", "/v1/places/\(id)", contentType: "", body: placeBody(id))
        #expect(missing.status == 415)
        let patch = server.send("PATCH", "/v1/places/lithuania", contentType: "application/json", body: #"{"name":"x"}"#)
        #expect(patch.status == 415)
        #expect(patch.header("Accept-Patch") == "application/merge-patch+json")
        #expect(server.send("POST", "/v1/places", contentType: "application/json; charset=utf-8", body: placeBody(id)).status == 201)
    }

    @Test func brokenJSON_422WithTheByteOffset() {
        let response = server.send("POST", "/v1/places", body: #"{"id":"y","#)
        #expect(response.status == 422)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(Self.pointers(response) == [""])
        #expect(Self.detail(response, at: "").contains("byte 10"), "\(Self.detail(response, at: ""))")
    }

    @Test func eachProblemKind_422WithItsPointer() {
        let id = uniqueID("bad")
        let cases: [(method: String, target: String, body: String, pointer: String, mentions: String)] = [
            ("POST", "/v1/places", placeBody(id, extra: #","note":5"#), "/note", "string"),
            ("POST", "/v1/places", placeBody(id, extra: #","bogus":1"#), "/bogus", "not a known field"),
            ("POST", "/v1/documents", #"{"id":"\#(id)","title":"t","kind":"order","summary":"s","stated_date":"1941-13-45","source_ids":["lt-exhibit-black-june"]}"#,
             "/stated_date", "month 13"),
            ("POST", "/v1/places", placeBody(id, source: "no-such-source"), "/source_ids/0", "no-such-source"),
            ("POST", "/v1/places", #"{"id":"\#(id)","name":"n","kind":"city","source_ids":[]}"#, "/source_ids", "source"),
            ("POST", "/v1/places", placeBody("Not_A_Slug"), "/id", "slug"),
            ("PUT", "/v1/places/\(id)", placeBody(id + "-other"), "/id", id),
        ]
        for item in cases {
            let response = server.send(item.method, item.target, body: item.body)
            #expect(response.status == 422, "\(item.pointer): \(response.text)")
            #expect(Self.pointers(response) == [item.pointer], "\(item.pointer): \(response.text)")
            #expect(Self.detail(response, at: item.pointer).contains(item.mentions), "\(item.pointer): \(Self.detail(response, at: item.pointer))")
        }
        #expect(server.get("/v1/places/\(id)").status == 404, "nothing was written")
    }

    @Test func everyProblem_IsListedInOnePass() {
        let id = uniqueID("many")
        let response = server.send("PUT", "/v1/places/\(id)", body: #"{"id":"other-id","name":5,"bogus":1,"kind":"city","source_ids":["nope"]}"#)
        #expect(response.status == 422)
        #expect(Set(Self.pointers(response)) == ["/id", "/name", "/bogus", "/source_ids/0"], "\(response.text)")
    }

    @Test func aFullDatabase_507_ReadsGoOn_WritesWorkAgainOnceThereIsRoom() throws {
        let full = WriteTestServer()
        try full.archive.setMaxDatabaseBytes(1)  // capped at its current size
        let note = String(repeating: "Filling the database. ", count: 400)
        var statuses: [Int] = []
        for _ in 0..<300 {
            let status = full.send("POST", "/v1/places", body: placeBody(uniqueID("fill"), extra: ",\"note\":\(quoted(note))")).status
            statuses.append(status)
            if status != 201 { break }
        }
        #expect(statuses.last == 507, "\(statuses)")
        #expect(statuses.dropLast().allSatisfy { $0 == 201 })
        let refused = full.send("POST", "/v1/places", body: placeBody(uniqueID("fill"), extra: ",\"note\":\(quoted(note))"))
        #expect(refused.status == 507)
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(refused.json["title"]?.string == "Insufficient Storage", "the reason phrase of RFC 4918, not 'Unknown'")
        #expect(full.get("/v1/places/lithuania").status == 200, "reads go on")
        #expect(full.get("/readyz").status == 200)
        try full.archive.setMaxDatabaseBytes(nil)
        let id = uniqueID("room")
        #expect(full.send("POST", "/v1/places", body: placeBody(id, extra: ",\"note\":\(quoted(note))")).status == 201)
        #expect(full.get("/v1/places/\(id)").status == 200)
    }

    // MARK: - Merge patch

    @Test func mergePatch_SetsMembers_NullRemoves_ArraysReplacedWhole_ObjectsMerged() {
        let id = uniqueID("patch")
        #expect(server.send("POST", "/v1/places", body: placeBody(id, extra: #","note":"A note","alternative_names":["A","B"],"native_names":{"ru":"Тест"}"#)).status == 201)
        let patched = server.send("PATCH", "/v1/places/\(id)", body: #"{"name":"Patched","note":null,"alternative_names":["C"],"native_names":{"lt":"Testas"}}"#)
        #expect(patched.status == 200, "\(patched.text)")
        let read = server.get("/v1/places/\(id)").json
        #expect(read["name"]?.string == "Patched")
        #expect(read["note"] == .null)
        #expect(read["alternative_names"]?.array.compactMap(\.string) == ["C"])
        #expect(read["native_names"]?["ru"]?.string == "Тест")
        #expect(read["native_names"]?["lt"]?.string == "Testas")
        #expect(read["kind"]?.string == "city", "members not named stay")
        #expect(server.send("PATCH", "/v1/places/\(id)", body: #"{"native_names":{"ru":null}}"#).status == 200)
        #expect(server.get("/v1/places/\(id)").json["native_names"]?["ru"] == nil)
        let invalid = server.send("PATCH", "/v1/places/\(id)", body: #"{"name":null}"#)
        #expect(invalid.status == 422, "a required member removed: \(invalid.text)")
        #expect(Self.pointers(invalid) == ["/name"])
        #expect(server.send("PATCH", "/v1/places/\(uniqueID("missing"))", body: #"{"name":"x"}"#).status == 404)
    }

    // MARK: - Caches follow the write

    @Test func aGETRightAfterAWrite_SeesTheNewVersion_NoStaleCacheOr304() {
        let id = uniqueID("fresh")
        #expect(server.send("POST", "/v1/places", body: placeBody(id)).status == 201)
        for round in 0..<10 {
            let before = server.get("/v1/places/\(id)")
            _ = server.get("/v1/places?q=\(id)")
            let written = server.send("PATCH", "/v1/places/\(id)", body: #"{"name":"Name \#(round)"}"#)
            #expect(written.status == 200)
            let after = server.get("/v1/places/\(id)", headers: [("If-None-Match", before.etag ?? "")])
            #expect(after.status == 200, "round \(round): the old ETag no longer matches")
            #expect(after.json["name"]?.string == "Name \(round)")
            #expect(after.etag == written.header("ETag"))
        }
    }

    // MARK: - Revisions

    @Test func revisions_NewestFirst_Paged_WithBodiesAndDiffs() throws {
        let id = uniqueID("rev")
        #expect(server.send("POST", "/v1/places", body: placeBody(id)).status == 201)
        #expect(server.send("PATCH", "/v1/places/\(id)", token: WriteTestServer.rutaToken, headers: [("X-Edit-Summary", "Renamed")],
                            body: #"{"name":"Renamed","note":"Added"}"#).status == 200)
        #expect(server.send("PUT", "/v1/places/\(id)", body: placeBody(id, name: "Again", extra: #","edit_summary":"From the body""#)).status == 200)

        let page = server.get("/v1/places/\(id)/revisions")
        #expect(page.status == 200)
        let items = page.json["items"]?.array ?? []
        #expect(items.map { $0["action"]?.string } == ["update", "update", "create"])
        #expect(items.map { $0["curator"]?.string } == ["admin", "ruta", "admin"])
        #expect(items.map { $0["summary"]?.string } == ["From the body", "Renamed", nil])
        let numbers = items.compactMap { $0["revision"]?.int }
        #expect(numbers == numbers.sorted(by: >) && Set(numbers).count == 3)

        let first = server.get("/v1/places/\(id)/revisions?limit=2").json
        #expect(first["items"]?.array.count == 2)
        let cursor = try #require(first["next_cursor"]?.string)
        let second = server.get("/v1/places/\(id)/revisions?limit=2&cursor=\(encoded(cursor))").json
        #expect(second["items"]?.array.compactMap { $0["revision"]?.int } == [numbers[2]])
        #expect(second["next_cursor"] == .null)

        let patchDetail = server.get("/v1/places/\(id)/revisions/\(numbers[1])").json
        #expect(patchDetail["body"]?["name"]?.string == "Renamed")
        let diff = patchDetail["diff"]?.array ?? []
        #expect(diff.contains(["op": "replace", "path": "/name", "value": "Renamed"]), "\(diff)")
        #expect(diff.contains { $0["path"]?.string == "/note" && ["add", "replace"].contains($0["op"]?.string ?? "") }, "\(diff)")
        #expect(server.get("/v1/places/\(id)/revisions/1").status == 404, "revision 1 was the import, not this item's")
        #expect(server.get("/v1/places/\(id)/revisions/abc").status == 400)

        let embedded = server.get("/v1/places/lithuania/revisions").json["items"]?.array ?? []
        #expect(embedded.last?["revision"]?.int == 1)
        #expect(embedded.last?["curator"]?.string == "import")
        #expect(server.get("/v1/places/\(uniqueID("nothing"))/revisions").status == 404)
    }

    // MARK: - Changes feed

    @Test func changesFeed_InOrder_PagedWithCursors_SinceValidated() throws {
        let start = try #require(server.get("/v1/changes?limit=1").json["revision"]?.int)
        let ids = [uniqueID("feed"), uniqueID("feed"), uniqueID("feed")]
        for id in ids { #expect(server.send("POST", "/v1/places", body: placeBody(id)).status == 201) }
        #expect(server.send("DELETE", "/v1/places/\(ids[0])").status == 204)

        var seen: [JSONValue] = []
        var target = "/v1/changes?since=\(start)&limit=2"
        var pages = 0
        while true {
            let page = server.get(target)
            #expect(page.status == 200)
            let items = page.json["items"]?.array ?? []
            #expect(items.count <= 2)
            seen += items
            pages += 1
            guard let cursor = page.json["next_cursor"]?.string, pages < 100 else { break }
            target = "/v1/changes?since=\(start)&limit=2&cursor=\(encoded(cursor))"
        }
        let revisions = seen.compactMap { $0["revision"]?.int }
        #expect(revisions == revisions.sorted() && revisions.allSatisfy { $0 > start }, "\(revisions)")
        let mine = seen.filter { ids.contains($0["id"]?.string ?? "") }.map { "\($0["action"]?.string ?? "") \($0["id"]?.string ?? "")" }
        #expect(mine == ["create \(ids[0])", "create \(ids[1])", "create \(ids[2])", "delete \(ids[0])"])
        #expect(seen.first { $0["id"]?.string == ids[1] }?["type"]?.string == "place")
        #expect(seen.first { $0["id"]?.string == ids[1] }?["curator"]?.string == "admin")

        let current = try #require(server.get("/v1/changes?limit=1").json["revision"]?.int)
        // Other tests may write meanwhile: only changes after `current` may follow it.
        let after = server.get("/v1/changes?since=\(current)").json["items"]?.array.compactMap { $0["revision"]?.int } ?? []
        #expect(after.allSatisfy { $0 > current }, "\(after)")
        for bad in ["\(current + 1000)", "abc", "-1", "1.5"] {
            let response = server.get("/v1/changes?since=\(bad)")
            #expect(response.status == 400, "since=\(bad)")
            #expect(response.json["parameter"]?.string == "since")
        }
        #expect(server.get("/v1/changes?since=\(start)&cursor=garbage").status == 400)
    }

    @Test func changesFeed_FromZero_ListsEveryImportedItemOnce() {
        let quiet = WriteTestServer(curators: [])
        var count = 0
        for collection in ["documents", "persons", "institutions", "events", "places", "sources"] {
            count += quiet.get("/v1/\(collection)?limit=1").json["total"]?.int ?? 0
        }
        var keys: [String] = []
        var target = "/v1/changes?limit=37"
        for _ in 0..<1000 {
            let page = quiet.get(target).json
            keys += (page["items"]?.array ?? []).map { "\($0["type"]?.string ?? "")/\($0["id"]?.string ?? "")" }
            guard let cursor = page["next_cursor"]?.string else { break }
            target = "/v1/changes?limit=37&cursor=\(encoded(cursor))"
        }
        #expect(count > 100)
        #expect(keys.count == count)
        #expect(Set(keys).count == keys.count, "no change listed twice across pages")
        let current = quiet.get("/v1/changes?limit=1").json["revision"]?.int ?? -1
        #expect(quiet.get("/v1/changes?since=\(current)").json["items"]?.array.isEmpty == true, "nothing after the current revision")
    }

    // MARK: - Batch import

    @Test func importOverHTTP_AllOrNothing() {
        let ids = [uniqueID("imp"), uniqueID("imp")]
        let good = #"{"format":"deportation-archive/1","sources":[\#(sourceBody(ids[0])),\#(sourceBody(ids[1]))]}"#
        let response = server.send("POST", "/v1/import", token: WriteTestServer.rutaToken, body: good)
        #expect(response.status == 200, "\(response.text)")
        let items = response.json["items"]?.array ?? []
        #expect(Set(items.compactMap { $0["id"]?.string }) == Set(ids))
        #expect(items.allSatisfy { $0["action"]?.string == "create" && $0["type"]?.string == "source" })
        let revision = response.json["revision"]?.int
        for id in ids {
            #expect(server.get("/v1/sources/\(id)").status == 200)
            let entry = server.get("/v1/sources/\(id)/revisions").json["items"]?.array.first
            #expect(entry?["revision"]?.int == revision)
            #expect(entry?["curator"]?.string == "ruta")
        }

        let other = uniqueID("imp")
        let bad = #"{"format":"deportation-archive/1","sources":[\#(sourceBody(other))],"places":[\#(placeBody(uniqueID("imp"), source: "no-such-source"))]}"#
        let refused = server.send("POST", "/v1/import", body: bad)
        #expect(refused.status == 422)
        #expect(Self.pointers(refused) == ["/places/0/source_ids/0"], "\(refused.text)")
        #expect(server.get("/v1/sources/\(other)").status == 404, "all or nothing")
        #expect(server.send("POST", "/v1/import", token: nil, body: good).status == 401)
    }

    // MARK: - CORS

    @Test func cors_WriteMethodsOnlyForAConfiguredOrigin() {
        func preflight(_ origin: String) -> RawClient.Response {
            server.send("OPTIONS", "/v1/places/lithuania", token: nil,
                        headers: [("Origin", origin), ("Access-Control-Request-Method", "PUT"), ("Access-Control-Request-Headers", "authorization, content-type, if-match")])
        }
        let allowed = preflight(WriteTestServer.writerOrigin)
        #expect(allowed.status == 204)
        #expect(allowed.header("Access-Control-Allow-Origin") == WriteTestServer.writerOrigin)
        let methods = Set((allowed.header("Access-Control-Allow-Methods") ?? "").split(separator: ",").map { String($0).trimmingSpaces() })
        #expect(methods.isSuperset(of: ["PUT", "PATCH", "DELETE"]), "\(methods)")
        #expect(allowed.header("Access-Control-Allow-Headers")?.contains("If-Match") == true)
        let other = preflight("https://elsewhere.example")
        let otherMethods = Set((other.header("Access-Control-Allow-Methods") ?? "").split(separator: ",").map { String($0).trimmingSpaces() })
        #expect(otherMethods.isDisjoint(with: ["POST", "PUT", "PATCH", "DELETE"]), "\(otherMethods)")
        #expect(other.header("Access-Control-Allow-Origin") != "https://elsewhere.example")

        let id = uniqueID("cors")
        let write = server.send("POST", "/v1/places", headers: [("Origin", WriteTestServer.writerOrigin)], body: placeBody(id))
        #expect(write.status == 201)
        #expect(write.header("Access-Control-Allow-Origin") == WriteTestServer.writerOrigin)
        #expect(write.header("Access-Control-Expose-Headers")?.contains("Location") == true)
        let foreign = server.send("PATCH", "/v1/places/\(id)", headers: [("Origin", "https://elsewhere.example")], body: #"{"name":"x"}"#)
        #expect(foreign.header("Access-Control-Allow-Origin") == nil)
    }
}
