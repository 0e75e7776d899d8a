import Store

/// Opaque, tamper-evident pagination cursors: the keyset of the last item of a page and the
/// query it belongs to, signed with HMAC-SHA256 under the database's own secret. A changed
/// cursor, or one from another listing, is a 400, never a wrong page.
struct CursorCodec: Sendable {
    let key: [UInt8]

    /// A cursor for `keyset`, bound to `scope` (the route and its sort/filter parameters).
    func encode(_ keyset: [JSONValue], scope: String) -> String {
        let payload = JSONWriter.bytes(.array(keyset))
        let signature = SHA256.hmac(key: key, message: Array(scope.utf8) + [0] + payload).prefix(12)
        return Base64URL.encode(payload) + "." + Base64URL.encode(Array(signature))
    }

    /// The keyset in `cursor`; throws a 400 naming `cursor` when it was altered or belongs elsewhere.
    func decode(_ cursor: String, scope: String) throws(Problem) -> [JSONValue] {
        let invalid = Problem.invalidParameter("cursor", detail: "'cursor' is not a cursor of this listing; use the next_cursor or the next link of the previous page unchanged.")
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard cursor.utf8.count <= 2048, parts.count == 2,
              let payload = Base64URL.decode(String(parts[0])), let signature = Base64URL.decode(String(parts[1])),
              signature.count == 12
        else { throw invalid }
        let expected = SHA256.hmac(key: key, message: Array(scope.utf8) + [0] + payload).prefix(12)
        // Constant-time comparison: no early exit on the first differing byte.
        var difference: UInt8 = 0
        for (a, b) in zip(expected, signature) { difference |= a ^ b }
        guard difference == 0, case .array(let keyset)? = try? JSONParser.parse(payload) else { throw invalid }
        return keyset
    }
}

/// Base64 with the URL and filename safe alphabet, without padding (RFC 4648 §5).
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + 4)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = reverse[Int(byte)]
            guard value != 0xFF else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        // Leftover bits must be zero, so that every payload has exactly one encoding.
        guard buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}
