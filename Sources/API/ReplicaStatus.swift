import Synchronization

/// What a replica's follower last knew, for `/readyz`: its phase, its revision and the
/// primary's, and since when it has been known to hold the primary's newest revision.
final class ReplicaStatus: Sendable {
    enum Phase: String, Sendable {
        /// Pulling and applying changesets.
        case following
        /// Taking a new snapshot after a gap or a conflict (the old data is served meanwhile).
        case bootstrapping
    }

    struct Report: Sendable {
        var phase = Phase.following
        var revision = 0
        var primaryRevision: Int?
        /// The last moment the replica was known to hold the primary's newest revision.
        var currentAt: ContinuousClock.Instant?
        /// While a long-poll that began caught up is open (the primary answers it at the next
        /// write), the replica is current: until this deadline, after which the poll is overdue.
        var currentUntil: ContinuousClock.Instant?
        /// The last failure (talking to the primary, applying), cleared by a good poll.
        var problem: String?

        /// How far behind the primary the replica may be now.
        func lag(at now: ContinuousClock.Instant) -> Duration? {
            if let currentUntil, now < currentUntil { return .zero }
            return currentAt.map { now - $0 }
        }
    }

    private let report = Mutex(Report())

    func read() -> Report { report.withLock { $0 } }

    @discardableResult
    func update<T>(_ body: (inout Report) -> T) -> T { report.withLock { body(&$0) } }
}
