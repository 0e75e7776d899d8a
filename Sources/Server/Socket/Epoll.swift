import CSystem
import Glibc

/// Constants from `<sys/epoll.h>` and `<sys/eventfd.h>` (identical on every Linux architecture).
private enum EpollConstant {
    static let input: UInt32 = 0x001, output: UInt32 = 0x004, error: UInt32 = 0x008, hangUp: UInt32 = 0x010
    static let readHangUp: UInt32 = 0x2000, oneShot: UInt32 = 1 << 30
    static let add: Int32 = 1, delete: Int32 = 2, modify: Int32 = 3
    static let closeOnExec: Int32 = 0o2000000, nonBlocking: Int32 = 0o4000
    /// `struct epoll_event` is packed (12 bytes) on x86_64 and naturally aligned (16) elsewhere.
    static let eventSize = Int(archive_epoll_event_size())
}

/// An epoll instance plus an eventfd that other threads use to wake it.
///
/// Connections are registered `EPOLLONESHOT`, so exactly one thread owns a connection at a time:
/// the loop after an event, a worker after a hand-off, the loop again after it re-arms.
final class Epoll {
    /// One readiness report: the registered token and what is ready.
    struct Event {
        /// The token given at registration (a descriptor number).
        var token: UInt64
        /// Readable (or hung up / in error: a read will tell).
        var isReadable: Bool
        /// Writable.
        var isWritable: Bool
    }

    /// What to watch for on a descriptor.
    enum Interest {
        /// Readability, one shot.
        case read
        /// Writability, one shot.
        case write
        /// Readability, level-triggered (the listener and the wake-up eventfd).
        case readPersistent
    }

    private let fd: Int32
    private let wakeFD: Int32
    private let capacity: Int
    private let events: UnsafeMutableRawPointer

    /// The token reported for the wake-up eventfd.
    static let wakeToken = UInt64.max

    /// Creates the epoll instance and its wake-up eventfd (both close-on-exec).
    init(capacity: Int = 256) throws(SocketError) {
        fd = epoll_create1(EpollConstant.closeOnExec)
        guard fd >= 0 else { throw SocketError(call: "epoll_create1", errno: errno) }
        wakeFD = eventfd(0, EpollConstant.closeOnExec | EpollConstant.nonBlocking)
        guard wakeFD >= 0 else {
            Glibc.close(fd)
            throw SocketError(call: "eventfd", errno: errno)
        }
        self.capacity = capacity
        events = .allocate(byteCount: capacity * EpollConstant.eventSize, alignment: 8)
        try register(wakeFD, token: Epoll.wakeToken, interest: .readPersistent)
    }

    deinit {
        events.deallocate()
        Glibc.close(wakeFD)
        Glibc.close(fd)
    }

    private func mask(_ interest: Interest) -> UInt32 {
        switch interest {
        case .read: return EpollConstant.input | EpollConstant.readHangUp | EpollConstant.oneShot
        case .write: return EpollConstant.output | EpollConstant.oneShot
        case .readPersistent: return EpollConstant.input
        }
    }

    /// Adds a descriptor.
    func register(_ descriptor: Int32, token: UInt64, interest: Interest) throws(SocketError) {
        if control(EpollConstant.add, descriptor, token, mask(interest)) != 0 {
            throw SocketError(call: "epoll_ctl(ADD)", errno: errno)
        }
    }

    private func control(_ operation: Int32, _ descriptor: Int32, _ token: UInt64, _ mask: UInt32) -> Int32 {
        archive_epoll_ctl(fd, operation, descriptor, mask, token)
    }

    /// Re-arms a one-shot descriptor (or changes its interest).
    func rearm(_ descriptor: Int32, token: UInt64, interest: Interest) throws(SocketError) {
        if control(EpollConstant.modify, descriptor, token, mask(interest)) != 0 {
            throw SocketError(call: "epoll_ctl(MOD)", errno: errno)
        }
    }

    /// Removes a descriptor (before closing it, or to pause the listener).
    func unregister(_ descriptor: Int32) {
        _ = control(EpollConstant.delete, descriptor, 0, 0)
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and calls `body` for each event.
    func wait(timeoutMilliseconds: Int32, _ body: (Event) -> Void) {
        let count = epoll_wait(fd, events.assumingMemoryBound(to: epoll_event.self), Int32(capacity), timeoutMilliseconds)
        guard count > 0 else { return }
        let readMask = EpollConstant.input | EpollConstant.hangUp | EpollConstant.error | EpollConstant.readHangUp
        let writeMask = EpollConstant.output | EpollConstant.error | EpollConstant.hangUp
        for index in 0..<Int(count) {
            var mask: UInt32 = 0
            var token: UInt64 = 0
            archive_epoll_event_at(events, Int32(index), &mask, &token)
            if token == Epoll.wakeToken {
                var value: UInt64 = 0
                _ = Glibc.read(wakeFD, &value, 8)
            }
            body(Event(token: token, isReadable: mask & readMask != 0, isWritable: mask & writeMask != 0))
        }
    }

    /// Wakes a thread blocked in ``wait(timeoutMilliseconds:_:)``; callable from any thread.
    func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }
}

@available(*, unavailable)
extension Epoll: Sendable {}
