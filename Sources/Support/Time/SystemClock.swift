import Dispatch
import FoundationEssentials

/// Clocks for deadlines (monotonic) and for logs and the `Date` header (wall clock).
public enum SystemClock {
    /// Nanoseconds on the monotonic clock.
    public static func monotonicNanoseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }

    /// Wall-clock seconds and milliseconds since 1970.
    public static func wallClock() -> (seconds: Int, milliseconds: Int) {
        let milliseconds = Int((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return (milliseconds / 1000, milliseconds % 1000)
    }

    /// UTC calendar fields of a wall-clock second (weekday 0 = Sunday).
    public static func utcFields(_ seconds: Int) -> (year: Int, month: Int, day: Int, weekday: Int, hour: Int, minute: Int, second: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let date = CivilDate.fields(dayNumber: days)
        return (date.year, date.month, date.day, CivilDate.weekday(dayNumber: days), rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// The number of active CPU cores.
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
