/// A clock for the connection state machine that moves only when told to.
struct ManualClock {
    /// Monotonic nanoseconds.
    private(set) var now: UInt64 = 1_000_000_000

    /// Moves forward by `milliseconds`.
    mutating func advance(milliseconds: Int) {
        now += UInt64(milliseconds) * 1_000_000
    }
}
