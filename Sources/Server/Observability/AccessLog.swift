import Support

/// One access-log line per request on standard error, as text or JSON.
///
/// Text: `2025-01-01T12:00:00.000Z 5f…-1a 127.0.0.1:5555 "GET /v1/x" 200 123 0.42ms`.
/// JSON: `{"time":…,"request_id":…,"client":…,"method":…,"target":…,"status":…,"bytes":…,"duration_ms":…}`.
/// Each line goes out in one `write`, so lines from different threads never interleave.
public struct AccessLog: Sendable {
    /// The format; `.none` writes nothing.
    public let format: ServerConfiguration.LogFormat

    /// A log in the given format.
    public init(format: ServerConfiguration.LogFormat) {
        self.format = format
    }

    /// One finished request.
    public struct Entry: Sendable {
        /// The request id.
        public var requestID: String
        /// The peer address.
        public var client: String
        /// The method (or `-` when the request could not be parsed).
        public var method: String
        /// The raw target (or `-`).
        public var target: String
        /// The status sent.
        public var status: Int
        /// Body bytes sent.
        public var bytes: Int
        /// Time from dispatch to the last byte handed to the kernel, in nanoseconds.
        public var durationNanoseconds: UInt64
    }

    /// Writes the line for `entry` (nothing when the format is `.none`).
    public func record(_ entry: Entry) {
        guard let line = self.line(entry) else { return }
        Socket.writeStandardError(line)
    }

    /// The bytes of the line for `entry`, newline included, or nil for `.none`.
    public func line(_ entry: Entry) -> [UInt8]? {
        let milliseconds = Double(entry.durationNanoseconds / 1_000) / 1_000
        var out: [UInt8] = []
        out.reserveCapacity(160)
        switch format {
        case .none:
            return nil
        case .text:
            // The target is escaped as a JSON string would be, so a line can never be forged.
            out.append(contentsOf: "\(UTCTimestamp.now()) \(entry.requestID) \(entry.client) ".utf8)
            var quoted: [UInt8] = []
            JSONWriter.writeString(entry.method + " " + entry.target, into: &quoted)
            out.append(contentsOf: quoted)
            out.append(contentsOf: " \(entry.status) \(entry.bytes) \(milliseconds)ms\n".utf8)
        case .json:
            out.append(contentsOf: "{\"time\":\"\(UTCTimestamp.now())\",\"request_id\":".utf8)
            JSONWriter.writeString(entry.requestID, into: &out)
            out.append(contentsOf: ",\"client\":".utf8)
            JSONWriter.writeString(entry.client, into: &out)
            out.append(contentsOf: ",\"method\":".utf8)
            JSONWriter.writeString(entry.method, into: &out)
            out.append(contentsOf: ",\"target\":".utf8)
            JSONWriter.writeString(entry.target, into: &out)
            out.append(contentsOf: ",\"status\":\(entry.status),\"bytes\":\(entry.bytes),\"duration_ms\":\(milliseconds)}\n".utf8)
        }
        return out
    }
}
