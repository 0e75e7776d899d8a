import Server
import Store
import Support

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
