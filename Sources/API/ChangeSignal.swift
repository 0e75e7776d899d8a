import Dispatch
import Synchronization

/// A generation counter that waiters can block on until it moves: the long-poll of
/// `/v1/replication/changes` waits here for the next write instead of polling the database.
final class ChangeSignal: Sendable {
    private let state = Mutex<(generation: Int, waiters: [DispatchSemaphore])>((0, []))

    /// The current generation: read it before looking at the data, then wait for a later one.
    var generation: Int { state.withLock { $0.generation } }

    /// Waits until the generation is past `generation`, or `timeout` passes; at once if it already is.
    func wait(after generation: Int, timeout: Duration) {
        let semaphore = DispatchSemaphore(value: 0)
        let moved = state.withLock { state -> Bool in
            if state.generation != generation { return true }
            state.waiters.append(semaphore)
            return false
        }
        guard !moved else { return }
        let nanoseconds = max(0, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
        state.withLock { state in state.waiters.removeAll { $0 === semaphore } }
    }

    /// Moves the generation on and wakes every waiter.
    func signal() {
        let waiters = state.withLock { state -> [DispatchSemaphore] in
            state.generation += 1
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.signal() }
    }
}
