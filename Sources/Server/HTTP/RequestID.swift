import Synchronization

/// Request ids: the client's `X-Request-Id` when sane, otherwise a process prefix and a counter.
enum RequestID {
    private static let counter = Atomic<UInt64>(0)
    private static let prefix: String = {
        let bytes = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return String(repeating: "0", count: 16 - bytes.count) + bytes
    }()

    /// The request's own id when it is 1…128 characters of `[A-Za-z0-9._-]`, else a new one.
    static func make(for request: HTTPRequest) -> String {
        if let given = request.headers[.xRequestID], isSane(given) { return given }
        return next()
    }

    /// A new id, unique within the process: `<16 hex>-<counter hex>`.
    static func next() -> String {
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return prefix + "-" + String(number, radix: 16)
    }

    /// Whether a client-supplied id can be echoed and logged as is.
    static func isSane(_ id: String) -> Bool {
        let bytes = id.utf8
        return (1...128).contains(bytes.count) && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
