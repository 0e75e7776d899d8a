import Support

/// Streamed bodies gzip'd while they are produced, piece by piece.
enum GzipBody {
    /// A sync flush after this much input, so a long download arrives as it is made rather
    /// than in zlib's own, larger, bursts.
    static let syncFlushBytes = 64 * 1024
    /// A sync flush also when a piece comes this long after the last flush: a slow producer's
    /// earlier pieces then reach the client without waiting for 64 KiB more.
    static let syncFlushNanoseconds: UInt64 = 250_000_000

    /// A producer that writes `produce`'s body as one gzip stream.
    static func compressing(_ produce: @escaping @Sendable (BodyWriter) throws -> Void,
                            level: Int32) -> @Sendable (BodyWriter) throws -> Void {
        { writer in
            let encoder = try GzipEncoder(level: level)
            let emit: (UnsafeRawBufferPointer) throws -> Void = { try writer.write($0) }
            var sinceFlush = 0
            var lastFlush = SystemClock.monotonicNanoseconds()
            try produce(BodyWriter { piece in
                sinceFlush += piece.count
                let now = SystemClock.monotonicNanoseconds()
                let flush = sinceFlush >= syncFlushBytes || now &- lastFlush >= syncFlushNanoseconds
                try encoder.write(piece, flush: flush ? .sync : .none, emit: emit)
                if flush { sinceFlush = 0; lastFlush = now }
            })
            try encoder.finish(emit: emit)
        }
    }
}
