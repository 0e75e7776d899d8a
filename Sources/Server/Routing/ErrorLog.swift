import Support

/// Server diagnostics on standard error (not the access log).
public enum ErrorLog {
    /// Writes one line `<time> error: <message>` to standard error.
    public static func write(_ message: String) {
        Socket.writeStandardError(Array("\(UTCTimestamp.now()) \(message)\n".utf8))
    }
}
