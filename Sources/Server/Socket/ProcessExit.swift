#if canImport(Glibc)
import Glibc
#endif

/// Ends the process with a status code (the command line's exits), so no C call is made above
/// the system layer.
public enum ProcessExit {
    /// Flushes C stdio and exits with `code`.
    public static func now(_ code: Int32) -> Never {
        exit(code)
    }
}
