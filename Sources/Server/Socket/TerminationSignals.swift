import Glibc

/// SIGTERM and SIGINT, taken synchronously with `sigwait` instead of by a handler.
///
/// Blocked in every thread, a signal stays pending until ``wait()`` takes it: none is lost to a
/// thread where it is ignored, and none arriving before the waiter exists kills the process.
/// (Dispatch signal sources on Linux lost some: SIG_IGN had to be set first, and a worker thread
/// that did not block the signal could consume it.)
enum TerminationSignals {
    private static var set: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks them in the calling thread and in every thread it starts from now on.
    static func block() {
        var blocked = set
        _ = pthread_sigmask(SIG_BLOCK, &blocked, nil)
    }

    /// Runs `body` with them blocked in the calling thread, so threads `body` starts keep them
    /// blocked; the caller's mask is restored afterwards.
    static func blockedWhile<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        var blocked = set
        var previous = sigset_t()
        _ = pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { _ = pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Blocks them in the calling thread, waits until one is pending, takes it and returns its number.
    static func wait() -> Int32 {
        block()
        var waited = set
        var number: Int32 = 0
        while sigwait(&waited, &number) != 0 {}
        return number
    }

    /// "SIGTERM" or "SIGINT".
    static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT" : "SIGTERM"
    }
}
