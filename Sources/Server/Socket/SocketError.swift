import Glibc

/// The outcome of a non-blocking call that may have nothing to do yet.
enum IOResult<Value> {
    /// The call did its work and returned this value.
    case processed(Value)
    /// The call would have blocked (`EAGAIN`/`EWOULDBLOCK`).
    case wouldBlock
}

/// A socket call that failed, reduced to what the caller can act on.
public enum SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The peer is gone (`EPIPE`, `ECONNRESET`, `ENOTCONN`, …): close quietly.
    case disconnected
    /// The peer did not accept bytes within the send timeout.
    case timedOut
    /// Anything else: the call's name and its `errno`.
    case failed(call: String, errno: Int32)

    /// Builds the error for a call and an `errno` value.
    init(call: StaticString, errno code: Int32) {
        switch code {
        case EPIPE, ECONNRESET, ENOTCONN, ESHUTDOWN, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ENETDOWN:
            self = .disconnected
        default:
            self = .failed(call: "\(call)", errno: code)
        }
    }

    /// A short human-readable description (`call: strerror`).
    public var description: String {
        switch self {
        case .disconnected: return "peer disconnected"
        case .timedOut: return "send timed out"
        case .failed(let call, let code): return "\(call): \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
