import Server
import Store
import Support

/// What replicas follow a primary with (docs/deploy.md), both behind
/// `Authorization: Bearer <replication token>`:
/// - `GET /v1/replication/snapshot`: the whole database, a consistent copy made with SQLite's
///   backup API while writes go on, streamed as an SQLite file; its data revision in
///   `X-Archive-Revision`.
/// - `GET /v1/replication/changes?after=N[&wait=S][&limit=L]`: the changesets of the revisions
///   after N, oldest first, in ``ChangesetFrames``; with `wait`, held up to S seconds until
///   there is one. 409 when N is past this server's revision, 410 when the changeset after N is
///   not kept (the replica then takes a snapshot).
enum ReplicationRoutes {
    static let snapshotType = "application/vnd.sqlite3"
    static let changesType = "application/vnd.archive.changesets"
    static let revisionField = "X-Archive-Revision"
    static let snapshotBytesField = "X-Archive-Snapshot-Bytes"
    /// The longest long-poll (seconds).
    static let longestWait = 30
    /// A page of changes stops after this many bytes (the first changeset always goes).
    static let pageBytes = 8 << 20

    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/replication/snapshot") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            try authorize(request, api)
            guard request.method == .GET else {
                return noStore(HTTPResponse(status: .ok, headers: [.contentType: snapshotType]), revision: api.state().revision)
            }
            var generator = SystemRandomNumberGenerator()
            let path = api.archive.path + ".snapshot-" + hexString((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let revision = try api.archive.snapshot(to: path)
            // Removed when the answer is dropped, whether its body was sent or not (a client
            // gone before the head, a 304).
            let file = TemporaryFile(path: path)
            var response = HTTPResponse.stream(contentType: snapshotType) { writer in
                try SnapshotFile.read(file.path) { try writer.write($0) }
            }
            response.headers.set(snapshotBytesField, String(SnapshotFile.size(path) ?? 0))
            response.headers.set(.contentDisposition, "attachment; filename=\"archive-snapshot-\(revision).sqlite\"")
            return noStore(response, revision: revision)
        }
        router.add(.GET, "/v1/replication/changes") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["after", "wait", "limit"])
            try authorize(request, api)
            guard parameters["after"] != nil else {
                throw Problem.invalidParameter("after", detail: "'after' (the data revision the replica holds) is required.")
            }
            let after = try parameters.integer("after", in: 0...Int(Int32.max), default: 0)
            let wait = try parameters.integer("wait", in: 0...longestWait, default: 0)
            let limit = try parameters.integer("limit", in: 1...1000, default: 100)
            let deadline = ContinuousClock.now + .seconds(wait)
            while true {
                let generation = api.dataChanged.generation
                let page = try api.archive.changesets(after: after, limit: limit, maxBytes: pageBytes)
                if after > page.revision {
                    throw Problem(status: .conflict, title: "Ahead of this server", detail: "Revision \(after) is past this server's revision \(page.revision): take a new snapshot.",
                                  type: Problem.typeBase + "replica-ahead", members: [("revision", .integer(page.revision))])
                }
                if page.revision > after {
                    guard page.changesets.first?.revision == after + 1 else {
                        throw Problem(status: .gone, title: "Changes not kept", detail: "The changeset after revision \(after) is not kept here (the data was imported outside the server, or the history was replaced): take a new snapshot.",
                                      type: Problem.typeBase + "changes-gone", members: [("revision", .integer(page.revision))])
                    }
                    return noStore(HTTPResponse(status: .ok, headers: [.contentType: changesType], body: .bytes(ChangesetFrames.encode(page.changesets))),
                                   revision: page.revision)
                }
                let now = ContinuousClock.now
                if now >= deadline {
                    return noStore(HTTPResponse(status: .ok, headers: [.contentType: changesType], body: .bytes([])), revision: page.revision)
                }
                api.dataChanged.wait(after: generation, timeout: deadline - now)
            }
        }
    }

    /// 403 when this server has no replication token, 401 without the right one (compared as
    /// SHA-256 digests, in constant time).
    static func authorize(_ request: HTTPRequest, _ api: ArchiveAPI) throws(Problem) {
        guard let token = api.settings.replicationToken else {
            throw Problem(status: .forbidden, title: "Replication is off", detail: "This server has no replication token (--replication-token or ARCHIVE_REPLICATION_TOKEN).",
                          type: Problem.typeBase + "replication-off")
        }
        let presented = TokenDigests.bearerToken(request.headers[.authorization])
        guard let presented, TokenDigests([("replication", token)]).name(for: presented) != nil else {
            throw Problem(status: .unauthorized, detail: "Replication needs 'Authorization: Bearer <replication token>'.",
                          headers: [.wwwAuthenticate: "Bearer realm=\"archive-replication\""])
        }
    }

    private static func noStore(_ response: HTTPResponse, revision: Int) -> HTTPResponse {
        var response = response
        response.headers.set(revisionField, String(revision))
        response.headers.set(.cacheControl, "no-store")
        return response
    }
}

/// The body of `/v1/replication/changes`: for each changeset, its data revision as 8 bytes and
/// its length as 4 bytes (both unsigned, big-endian), then the changeset as SQLite's
/// `sqlite3session_changeset` made it. An empty body: nothing new.
enum ChangesetFrames {
    static func encode(_ changesets: [Changeset]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(changesets.reduce(0) { $0 + 12 + $1.bytes.count })
        for changeset in changesets {
            let revision = UInt64(changeset.revision), length = UInt32(changeset.bytes.count)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: revision >> UInt64(shift))) }
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
            out.append(contentsOf: changeset.bytes)
        }
        return out
    }

    /// The changesets of a body; nil when it is cut short or malformed.
    static func decode(_ bytes: [UInt8]) -> [Changeset]? {
        var changesets: [Changeset] = []
        var index = 0
        while index < bytes.count {
            guard bytes.count - index >= 12 else { return nil }
            var revision: UInt64 = 0
            for byte in bytes[index..<(index + 8)] { revision = revision << 8 | UInt64(byte) }
            var length = 0
            for byte in bytes[(index + 8)..<(index + 12)] { length = length << 8 | Int(byte) }
            index += 12
            guard revision <= UInt64(Int32.max), bytes.count - index >= length else { return nil }
            changesets.append(Changeset(revision: Int(revision), bytes: Array(bytes[index..<(index + length)])))
            index += length
        }
        return changesets
    }
}

/// A file removed when the last reference to this goes.
final class TemporaryFile: Sendable {
    let path: String
    init(path: String) { self.path = path }
    deinit { SnapshotFile.remove(path) }
}
