// Percent-decoding of the path and the query (RFC 3986 §2.1, WHATWG form encoding for '+').
extension HTTPRequest {
    /// The path split on `/` into percent-decoded segments (`/` → `[]`, `/a/` → `["a", ""]`).
    ///
    /// Throws a 400 ``Problem`` for `%00`, a malformed `%` escape or bytes that are not UTF-8.
    public func pathSegments() throws(Problem) -> [String] {
        try Self.pathSegments(of: path)
    }

    /// The segments of any origin-form path, as ``pathSegments()`` splits the request's own.
    public static func pathSegments(of path: String) throws(Problem) -> [String] {
        guard path != "/" && path != "*" else { return [] }
        var segments: [String] = []
        for raw in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let segment = HTTPRequest.percentDecoded(raw, plusIsSpace: false) else {
                throw Problem(status: .badRequest, detail: "The path contains an invalid percent-encoding, NUL or invalid UTF-8.")
            }
            segments.append(segment)
        }
        return segments
    }

    /// The query split on `&` into percent-decoded `(name, value)` pairs; `+` is a space.
    ///
    /// Empty pieces are skipped, a piece without `=` has an empty value, duplicates stay in order.
    /// Throws a 400 ``Problem`` naming the parameter for a bad escape, NUL or invalid UTF-8.
    public func queryItems() throws(Problem) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        var items: [(name: String, value: String)] = []
        for piece in query.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { piece[..<$0] } ?? piece[...]
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? piece[piece.endIndex...]
            guard let name = HTTPRequest.percentDecoded(rawName, plusIsSpace: true) else {
                let shown = String(decoding: rawName.prefix(64), as: UTF8.self)
                throw Problem.invalidParameter(shown, detail: "A query parameter name is not valid percent-encoded UTF-8.")
            }
            guard let value = HTTPRequest.percentDecoded(rawValue, plusIsSpace: true) else {
                throw Problem.invalidParameter(name, detail: "The value of '\(name)' is not valid percent-encoded UTF-8.")
            }
            items.append((name, value))
        }
        return items
    }

    /// Decodes `%XX` escapes (and `+` when asked); nil on a bad escape, `%00`/NUL or invalid UTF-8.
    static func percentDecoded<Bytes: Collection<UInt8>>(_ raw: Bytes, plusIsSpace: Bool) -> String? {
        if !raw.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0 || (plusIsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(validating: raw, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var iterator = raw.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                let decoded = high << 4 | low
                guard decoded != 0 else { return nil }
                bytes.append(decoded)
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(0x20)
            case 0: return nil
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
