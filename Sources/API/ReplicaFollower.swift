import Dispatch
import Server
import Store
import Support
import Synchronization

/// Keeps a replica (`serve --follow`) up with its primary: long-polls
/// `/v1/replication/changes` after its revision and applies each changeset in its own
/// transaction, in order, never skipping one. A gap or a conflict stops applying, says so in
/// `/readyz` and the log, and takes a new snapshot (restored over the database in one
/// transaction, so readers see the old data or the new). An unreachable primary is retried
/// each second; reads go on from the data the replica has.
public final class ReplicaFollower: Sendable {
    let api: ArchiveAPI
    let primary: HTTPClient.Endpoint
    let token: String
    /// How long each long-poll may be held by the primary (seconds).
    let pollSeconds: Int
    private let stopped = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(api: ArchiveAPI, primary: HTTPClient.Endpoint, token: String, pollSeconds: Int = 5) {
        self.api = api
        self.primary = primary
        self.token = token
        self.pollSeconds = pollSeconds
        api.replica.update { $0.revision = (try? api.archive.revision()) ?? 0 }
    }

    /// Downloads a snapshot from `primary` into a new database file at `path` (through a
    /// temporary file beside it, renamed into place once complete and synced); returns its revision.
    public static func bootstrap(from primary: HTTPClient.Endpoint, token: String, into path: String) throws -> Int {
        let incoming = path + ".incoming"
        defer { SnapshotFile.remove(incoming) }
        let revision = try download(from: primary, token: token, to: incoming)
        try SnapshotFile.move(incoming, to: path)
        return revision
    }

    /// Starts following on a thread of its own.
    public func start() {
        DispatchQueue(label: "archive.replica.follower").async { [self] in
            run()
            finished.signal()
        }
    }

    /// Stops following (a poll in progress is abandoned) and waits for the loop to end.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wakeUp.signal()
        _ = finished.wait(timeout: .now() + .seconds(pollSeconds + 2))
    }

    private var isStopped: Bool { stopped.load(ordering: .acquiring) }

    private func run() {
        var lastProblem: String?
        while !isStopped {
            do {
                try followOnce()
                if lastProblem != nil { log("following \(primary) again at revision \(api.replica.read().revision)") }
                lastProblem = nil
            } catch let error as ReplicationError {
                lastProblem = error.description
                log("stopped applying: \(error); taking a new snapshot")
                rebootstrap(reason: error.description)
            } catch let error as SnapshotNeeded {
                lastProblem = error.description
                log("\(error); taking a new snapshot")
                rebootstrap(reason: error.description)
            } catch {
                let text = String(describing: error)
                if text != lastProblem { log("cannot follow \(primary): \(text); retrying every second") }
                lastProblem = text
                api.replica.update { $0.problem = text; $0.currentUntil = nil }
                pause(.seconds(1))
            }
        }
    }

    /// One long-poll and the changesets it brings.
    private func followOnce() throws {
        let revision = try api.archive.revision()
        let started = ContinuousClock.now
        let caughtUp = api.replica.update { report -> Bool in
            report.revision = revision
            // Caught up when the poll begins: current until the primary answers (or should have).
            guard report.primaryRevision == revision && report.problem == nil && report.phase == .following else { return false }
            report.currentUntil = started + .seconds(pollSeconds + 2)
            return true
        }
        // Not known to be caught up (just started, or just failed): ask without waiting.
        let wait = caughtUp ? pollSeconds : 0
        let response = try HTTPClient.get(
            primary, target: "/v1/replication/changes?after=\(revision)&wait=\(wait)",
            fields: [(.authorization, "Bearer \(token)")], timeoutSeconds: pollSeconds + 10)
        let answered = ContinuousClock.now
        switch response.status {
        case 200: break
        case 409, 410: throw SnapshotNeeded(reason: "the primary answered \(response.status): \(Self.detail(response))")
        default: throw FollowFailure( "the primary answered \(response.status): \(Self.detail(response))")
        }
        guard let primaryRevision = response.field(ReplicationRoutes.revisionField).flatMap({ Int($0) }),
              let changesets = ChangesetFrames.decode(response.body) else {
            throw FollowFailure( "the primary's answer is not a changeset list")
        }
        for changeset in changesets {
            let rendered = try api.archive.apply(changeset)
            api.invalidateState(after: changeset.revision, rendered: rendered)
            api.replica.update { $0.revision = changeset.revision }
        }
        let reached = try api.archive.revision()
        api.replica.update { report in
            report.revision = reached
            report.primaryRevision = max(primaryRevision, reached)
            report.problem = nil
            report.phase = .following
            if reached >= primaryRevision { report.currentAt = answered } else { report.currentUntil = nil }
        }
    }

    /// Takes snapshots until one is restored (or the follower stops).
    private func rebootstrap(reason: String) {
        api.replica.update { report in
            report.phase = .bootstrapping
            report.problem = reason
            report.currentUntil = nil
        }
        while !isStopped {
            let incoming = api.archive.path + ".incoming"
            defer { SnapshotFile.remove(incoming) }
            do {
                let started = ContinuousClock.now
                _ = try Self.download(from: primary, token: token, to: incoming)
                let revision = try api.archive.restore(fromSnapshot: incoming)
                api.invalidateState()
                api.replica.update { report in
                    report.phase = .following
                    report.revision = revision
                    report.primaryRevision = revision
                    report.currentAt = started
                    report.problem = nil
                }
                log("restored a snapshot at revision \(revision) in \(started.duration(to: .now))")
                return
            } catch {
                log("cannot take a snapshot from \(primary): \(error); retrying every second")
                api.replica.update { $0.problem = "\(reason); snapshot: \(error)" }
                pause(.seconds(1))
            }
        }
    }

    /// Writes the primary's snapshot to a new file at `path`; returns its revision.
    static func download(from primary: HTTPClient.Endpoint, token: String, to path: String) throws -> Int {
        SnapshotFile.remove(path)  // a leftover of an interrupted download
        let file = try SnapshotFile.Writer(creating: path)
        var received = 0
        let response = try HTTPClient.get(primary, target: "/v1/replication/snapshot", fields: [(.authorization, "Bearer \(token)")],
                                          timeoutSeconds: 60) { bytes in
            received += bytes.count
            try file.write(bytes)
        }
        guard response.status == 200 else {
            throw FollowFailure( "the primary answered \(response.status) to the snapshot request: \(detail(response))")
        }
        guard let revision = response.field(ReplicationRoutes.revisionField).flatMap({ Int($0) }),
              response.field(ReplicationRoutes.snapshotBytesField).flatMap({ Int($0) }) == received else {
            throw FollowFailure( "the snapshot from \(primary) is incomplete (\(received) bytes)")
        }
        try file.finish()
        return revision
    }

    private static func detail(_ response: HTTPClient.Response) -> String {
        (try? JSONParser.parse(response.body))?.objectValue?["detail"]?.stringValue ?? String(decoding: response.body.prefix(200), as: UTF8.self)
    }

    private func pause(_ duration: Duration) {
        _ = wakeUp.wait(timeout: .now() + .milliseconds(Int(duration.components.seconds * 1000)))
    }

    private func log(_ message: String) {
        ErrorLog.write("replica: \(message)")
    }
}

/// The primary cannot serve the changes after this replica's revision: a snapshot is needed.
struct SnapshotNeeded: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// The primary answered, but not as a primary should.
struct FollowFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
