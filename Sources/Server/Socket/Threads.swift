import CSystem
import Glibc

/// A joinable OS thread (pthreads), for the event loop and the handler pool.
///
/// Dispatch's global queues are not used for these long-lived, sometimes blocking loops: a
/// fixed number of our own threads is what makes the pool bounded.
struct OSThread: Sendable {
    private let handle: pthread_t

    private final class Box {
        let body: @Sendable () -> Void
        let name: String
        init(_ body: @escaping @Sendable () -> Void, name: String) {
            self.body = body
            self.name = name
        }
    }

    /// Starts `body` on a new thread named `name` (truncated to 15 bytes, the kernel's limit).
    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body, name: name)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            _ = pthread_setname_np(pthread_self(), String(box.name.utf8.prefix(15))!)
            box.body()
            return nil
        }, box)
        precondition(result == 0, "pthread_create failed: \(result)")
        handle = thread
    }

    /// Lets the thread release its resources on exit without being joined.
    func detach() {
        _ = pthread_detach(handle)
    }

    /// Waits for the thread to finish.
    func join() {
        _ = pthread_join(handle, nil)
    }
}

/// Clocks for deadlines (monotonic) and for logs and the `Date` header (wall clock).
enum SystemClock {
    /// Nanoseconds on the monotonic clock.
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Wall-clock seconds and milliseconds since 1970.
    static func wallClock() -> (seconds: Int, milliseconds: Int) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int(spec.tv_sec), Int(spec.tv_nsec) / 1_000_000)
    }

    /// UTC calendar fields of a wall-clock second.
    static func utcFields(_ seconds: Int) -> (year: Int, month: Int, day: Int, weekday: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(seconds)
        var fields = tm()
        gmtime_r(&time, &fields)
        return (Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday), Int(fields.tm_wday),
                Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec))
    }

    /// The number of online CPU cores.
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
