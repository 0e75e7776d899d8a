import Dispatch
import FoundationEssentials
import Testing
@testable import API
@testable import Server
@testable import Store
import Support
import TestSupport

/// The replication endpoints over a socket (docs/deploy.md), on servers of their own; the whole
/// primary + replicas + nginx set-up is `scripts/replica-test`.
@Suite struct ReplicationLiveTests {
    static let token = "replication-token-0123456789"
    static let primary = WriteTestServer { $0.replicationToken = ReplicationLiveTests.token }

    private func changes(_ server: WriteTestServer, after: Int, wait: Int = 0) -> RawClient.Response {
        server.send("GET", "/v1/replication/changes?after=\(after)&wait=\(wait)", token: Self.token)
    }

    private func revision(_ server: WriteTestServer) -> Int {
        server.get("/v1").json["revision"]?.int ?? -1
    }

    @Test func theToken_IsNeeded_AndReplicationIsOffWithoutOne() {
        let missing = Self.primary.send("GET", "/v1/replication/changes?after=0", token: nil)
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(Self.primary.send("GET", "/v1/replication/snapshot", token: WriteTestServer.adminToken).status == 401)
        let off = WriteTestServer.shared.send("GET", "/v1/replication/changes?after=0", token: Self.token)
        #expect(off.status == 403)
        #expect(off.json["type"]?.string == "https://archive.invalid/problems/replication-off")
        #expect(Self.primary.send("GET", "/v1/replication/changes", token: Self.token).json["parameter"]?.string == "after")
    }

    @Test func aWrite_IsOneChangesetFrame_AtTheRevisionItProduced() {
        let before = revision(Self.primary)
        let id = uniqueID("replicated")
        #expect(Self.primary.send("POST", "/v1/places", body: placeBody(id)).status == 201)
        let answer = changes(Self.primary, after: before)
        #expect(answer.status == 200)
        #expect(answer.header("Content-Type") == ReplicationRoutes.changesType)
        #expect(answer.header("Cache-Control") == "no-store")
        let frames = ChangesetFrames.decode(answer.body) ?? []
        #expect(frames.first?.revision == before + 1)
        #expect(frames.first?.bytes.isEmpty == false)
        #expect(Int(answer.header(ReplicationRoutes.revisionField) ?? "") ?? 0 >= before + 1)
    }

    @Test func nothingNew_IsAnEmptyBody_AheadIs409_AndAnUnkeptChangesetIs410() {
        let current = revision(Self.primary)
        let quiet = changes(Self.primary, after: current)
        // Other tests may write meanwhile: then the answer holds their changesets instead.
        #expect(quiet.status == 200)
        #expect(ChangesetFrames.decode(quiet.body).map { $0.allSatisfy { $0.revision > current } } == true)
        let ahead = changes(Self.primary, after: current + 1000)
        #expect(ahead.status == 409)
        #expect(ahead.json["type"]?.string == "https://archive.invalid/problems/replica-ahead")
        // Revision 1 is the embedded archive, written when the database was created: no changeset.
        let gone = changes(Self.primary, after: 0)
        #expect(gone.status == 410)
        #expect(gone.json["type"]?.string == "https://archive.invalid/problems/changes-gone")
    }

    @Test func aLongPoll_IsAnsweredWithTheNextWrite() {
        let server = WriteTestServer { $0.replicationToken = ReplicationLiveTests.token }
        let before = revision(server)
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var poll: RawClient.Response?
        DispatchQueue.global().async {
            poll = server.send("GET", "/v1/replication/changes?after=\(before)&wait=30", token: Self.token)
            answered.signal()
        }
        #expect(server.send("POST", "/v1/places", body: placeBody(uniqueID("polled"))).status == 201)
        answered.wait()
        #expect(poll?.status == 200)
        #expect(ChangesetFrames.decode(poll?.body ?? [])?.first?.revision == before + 1)
    }

    @Test func aSnapshot_IsTheWholeDatabase_AtItsRevision() {
        let snapshot = Self.primary.send("GET", "/v1/replication/snapshot", token: Self.token)
        #expect(snapshot.status == 200)
        #expect(snapshot.header("Content-Type") == ReplicationRoutes.snapshotType)
        #expect(Array(snapshot.body.prefix(16)) == Array("SQLite format 3".utf8) + [0])
        #expect(snapshot.header(ReplicationRoutes.snapshotBytesField) == String(snapshot.body.count))
        #expect(Int(snapshot.header(ReplicationRoutes.revisionField) ?? "") != nil)
    }

    @Test func aReplica_RefusesWritesNamingItsPrimary_AndIsNotReadyBeforeItFollows() {
        let replica = WriteTestServer { $0.primaryURL = "http://primary.example:8080" }
        let write = replica.send("POST", "/v1/places", body: placeBody(uniqueID("refused")))
        #expect(write.status == 403)
        #expect(write.json["detail"]?.string?.contains("http://primary.example:8080") == true)
        let ready = replica.send("GET", "/readyz", token: nil)
        #expect(ready.status == 503)
        #expect(ready.json["role"]?.string == "replica")
        #expect(ready.json["primary"]?.string == "http://primary.example:8080")
    }
}

/// A replica (``ReplicaFollower``) in this process following a live primary.
@Suite struct ReplicaFollowerLiveTests {
    /// A replica server over a snapshot of `primary`, following it; stopped when released.
    final class Replica: @unchecked Sendable {
        let api: ArchiveAPI
        let follower: ReplicaFollower
        let server: HTTPServer
        let port: Int
        private let directory: String

        init(following primary: WriteTestServer) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("archive-replica-tests-\(UInt64.random(in: 0...UInt64.max))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let endpoint = HTTPClient.Endpoint(url: "http://127.0.0.1:\(primary.port)")!
            let path = directory + "/replica.sqlite"
            _ = try ReplicaFollower.bootstrap(from: endpoint, token: ReplicationLiveTests.token, into: path)
            let archive = try Archive.open(path: path, readerCount: 2, seedWithEmbeddedArchive: false)
            var settings = APISettings()
            settings.primaryURL = endpoint.description
            settings.replicationToken = ReplicationLiveTests.token
            api = try ArchiveAPI(archive: archive, settings: settings)
            follower = ReplicaFollower(api: api, primary: endpoint, token: ReplicationLiveTests.token, pollSeconds: 1)
            server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, workerCount: 2, logFormat: .none),
                                responder: api.makeResponder(logFormat: .none))
            port = try server.start()
            follower.start()
        }

        deinit {
            follower.stop()
            server.stop(drain: false)
            api.archive.close()
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// Waits (up to 20 s) until the replica serves `revision`; true when it does.
        func reaches(_ revision: Int) -> Bool {
            for _ in 0..<2000 {
                if api.state().revision >= revision && api.replica.read().revision >= revision { return true }
                _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(10))
            }
            return false
        }

        func get(_ target: String) -> RawClient.Response {
            let client = RawClient(port: port, timeoutMilliseconds: 5000)
            client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return client.readResponse(isHEAD: false) ?? RawClient.Response(status: 0, headers: [], body: [])
        }
    }

    @Test func aReplica_ServesThePrimarysWrites_WithTheSameBytesAndETags_AndRebootstrapsAfterAGap() throws {
        let primary = WriteTestServer { $0.replicationToken = ReplicationLiveTests.token }
        let replica = try Replica(following: primary)
        let id = uniqueID("followed")
        #expect(primary.send("POST", "/v1/places", body: placeBody(id)).status == 201)
        #expect(primary.send("PATCH", "/v1/places/\(id)", body: #"{"name": "Followed town"}"#).status == 200)
        let revision = primary.get("/v1").json["revision"]?.int ?? 0
        #expect(replica.reaches(revision))
        for target in ["/v1/places/\(id)", "/v1", "/v1/search?q=followed", "/v1/places?limit=5"] {
            let mine = primary.send("GET", target, token: nil), theirs = replica.get(target)
            #expect(theirs.status == 200 && theirs.body == mine.body && theirs.header("ETag") == mine.header("ETag"), "\(target)")
        }
        // A change made outside the server (as `archive-server import` would) leaves no
        // changeset: the replica finds the gap, takes a new snapshot and serves the change.
        try primary.archive.pool.write { db in
            try db.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'; UPDATE items SET label = 'Renamed outside' WHERE id = '\(id)'")
        }
        #expect(replica.reaches(revision + 1))
        #expect(replica.api.replica.read().phase == .following)
        #expect(try replica.api.archive.pool.read { try $0.cachedStatement("SELECT label FROM items WHERE id = ?").scalarText([.text(id)]) } == "Renamed outside")
        let ready = replica.get("/readyz")
        #expect(ready.status == 200)
        #expect(ready.json["revision"]?.int == revision + 1)
    }
}
