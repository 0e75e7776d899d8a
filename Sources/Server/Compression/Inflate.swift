import CZlib

extension Gzip {
    /// The bytes a gzip member holds (the round-trip check of what the server sends). With
    /// `requireEnd` false, a stream cut after a sync flush gives what it holds so far. Refuses
    /// output past `limit` bytes rather than inflating a bomb.
    public static func decompress(_ bytes: [UInt8], requireEnd: Bool = true, limit: Int = 256 << 20) throws(GzipError) -> [UInt8] {
        let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        z.initialize(to: z_stream())
        defer { z.deallocate() }
        let initialized = archive_inflate_init_gzip(z)
        guard initialized == Z_OK else { throw GzipError(operation: "inflateInit2", code: initialized) }
        defer { inflateEnd(z) }

        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        bytes.withUnsafeBytes { input in
            z.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            z.pointee.avail_in = uInt(input.count)
            chunk.withUnsafeMutableBufferPointer { buffer in
                while status == Z_OK && result.count <= limit {
                    z.pointee.next_out = buffer.baseAddress
                    z.pointee.avail_out = uInt(buffer.count)
                    status = inflate(z, Z_NO_FLUSH)
                    result.append(contentsOf: buffer.prefix(buffer.count - Int(z.pointee.avail_out)))
                    // All input taken and room left over: nothing more will come out now.
                    if status == Z_OK && z.pointee.avail_in == 0 && z.pointee.avail_out != 0 { break }
                }
            }
        }
        if result.count > limit { throw GzipError(operation: "inflate (output over \(limit) bytes)", code: Z_BUF_ERROR) }
        switch status {
        case Z_STREAM_END: return result
        case Z_OK where !requireEnd, Z_BUF_ERROR where !requireEnd: return result
        default: throw GzipError(operation: status == Z_OK || status == Z_BUF_ERROR ? "inflate (stream cut short)" : "inflate", code: status)
        }
    }
}
