import CZlib

/// gzip (RFC 1952) through the system zlib: every zlib call and unsafe pointer of the server's
/// compression is in this file and in `Inflate.swift`.
public enum Gzip {
    /// The level answers are compressed at: on the export, level 6 gives about 5 % fewer bytes
    /// than level 1 for about twice the CPU time, and cached answers pay it once (docs/http.md).
    public static let defaultLevel: Int32 = 6
    /// zlib's default memory level (a 128 KiB hash state per stream).
    static let memoryLevel: Int32 = 8

    /// The whole of `bytes` as one gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) throws(GzipError) -> [UInt8] {
        let stream = try DeflateStream(level: level)
        let bound = Int(deflateBound(stream.pointer, UInt(bytes.count)))
        var status: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            bytes.withUnsafeBytes { input in
                stream.pointer.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.pointer.pointee.avail_in = uInt(input.count)
                stream.pointer.pointee.next_out = buffer.baseAddress
                stream.pointer.pointee.avail_out = uInt(buffer.count)
                status = deflate(stream.pointer, Z_FINISH)
                count = buffer.count - Int(stream.pointer.pointee.avail_out)
            }
        }
        // deflateBound guarantees room for one Z_FINISH call; anything else is zlib misbehaving.
        guard status == Z_STREAM_END else { throw GzipError(operation: "deflate", code: status) }
        return output
    }
}

/// A zlib failure: the call and its return code.
public struct GzipError: Error, CustomStringConvertible {
    /// The zlib function that failed.
    public let operation: String
    /// Its return code (`Z_MEM_ERROR`, `Z_DATA_ERROR`, …).
    public let code: Int32

    /// The call and code, for logs.
    public var description: String { "\(operation) failed with zlib code \(code)" }
}

/// A gzip stream fed piece by piece, for bodies produced while they are sent: each call hands
/// the compressed bytes it has ready to `emit`, from a buffer reused between calls.
public final class GzipEncoder {
    /// How far to push the input out with this call.
    public enum Flush {
        /// Let zlib keep what it has not yet emitted (best compression).
        case none
        /// Emit everything fed so far, ending on a byte boundary, so a reader can decompress it
        /// all now (`Z_SYNC_FLUSH`; costs a few bytes each).
        case sync
    }

    private let stream: DeflateStream
    private let output: UnsafeMutableBufferPointer<Bytef>
    private var finished = false

    /// A stream at `level`, emitting in pieces of at most `outputCapacity` bytes.
    public init(level: Int32 = Gzip.defaultLevel, outputCapacity: Int = 32 * 1024) throws(GzipError) {
        stream = try DeflateStream(level: level)
        output = .allocate(capacity: max(outputCapacity, 64))
    }

    deinit { output.deallocate() }

    /// Compresses `input`, calling `emit` with each piece of output that is ready.
    public func write(_ input: UnsafeRawBufferPointer, flush: Flush = .none,
                      emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(!finished, "GzipEncoder.write after finish")
        var rest = input.bindMemory(to: Bytef.self)
        repeat {
            // avail_in is 32 bits: larger inputs go in slices.
            let slice = UnsafeBufferPointer(rebasing: rest.prefix(1 << 30))
            rest = UnsafeBufferPointer(rebasing: rest.dropFirst(slice.count))
            let mode = rest.isEmpty ? (flush == .sync ? Z_SYNC_FLUSH : Z_NO_FLUSH) : Z_NO_FLUSH
            try run(slice, mode: mode, emit: emit)
        } while !rest.isEmpty
    }

    /// Compresses the bytes of `input`.
    public func write(_ input: [UInt8], flush: Flush = .none, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { try write($0, flush: flush, emit: emit) }
    }

    /// Ends the stream: emits what is left and the gzip trailer (CRC-32 and length).
    public func finish(emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(!finished, "GzipEncoder.finish twice")
        finished = true
        try run(UnsafeBufferPointer(start: nil, count: 0), mode: Z_FINISH, emit: emit)
    }

    /// Calls deflate until it has taken all of `input` and, for a flush, emitted everything.
    private func run(_ input: UnsafeBufferPointer<Bytef>, mode: Int32, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        let z = stream.pointer
        z.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        z.pointee.avail_in = uInt(input.count)
        while true {
            z.pointee.next_out = output.baseAddress
            z.pointee.avail_out = uInt(output.count)
            let status = deflate(z, mode)
            // Z_BUF_ERROR only says no progress was possible (nothing left to do): not an error.
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw GzipError(operation: "deflate", code: status)
            }
            let produced = output.count - Int(z.pointee.avail_out)
            if produced > 0 { try emit(UnsafeRawBufferPointer(start: output.baseAddress, count: produced)) }
            // A full output buffer may mean more is pending; Z_FINISH runs until the stream ends.
            if mode == Z_FINISH ? status == Z_STREAM_END : z.pointee.avail_out != 0 { break }
        }
        z.pointee.next_in = nil
    }
}

/// One zlib deflate state in gzip mode. The `z_stream` lives on the heap because zlib keeps a
/// pointer back to it and refuses a stream that moved.
final class DeflateStream {
    let pointer: UnsafeMutablePointer<z_stream>

    init(level: Int32) throws(GzipError) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: z_stream())
        let status = archive_deflate_init_gzip(pointer, level, Gzip.memoryLevel)
        guard status == Z_OK else {
            pointer.deallocate()
            throw GzipError(operation: "deflateInit2", code: status)
        }
    }

    deinit {
        deflateEnd(pointer)
        pointer.deallocate()
    }
}
