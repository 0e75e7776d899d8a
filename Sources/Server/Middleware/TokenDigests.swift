import Support

/// Bearer tokens kept as SHA-256 digests, never as text, and matched in constant time.
public struct TokenDigests: Sendable {
    private let digests: [(name: String, digest: [UInt8])]

    /// `tokens` maps a name (a curator's, or a role's) to its token.
    public init(_ tokens: [(name: String, token: String)]) {
        digests = tokens.map { ($0.name, SHA256.hash(Array($0.token.utf8))) }
    }

    public var isEmpty: Bool { digests.isEmpty }

    /// The name whose token digest equals the presented one's; every digest is compared in
    /// full, so the time taken says nothing about which bytes matched.
    public func name(for token: String) -> String? {
        let digest = SHA256.hash(Array(token.utf8))
        var found: String?
        for candidate in digests {
            var difference: UInt8 = 0
            for (a, b) in zip(candidate.digest, digest) { difference |= a ^ b }
            if difference == 0 && found == nil { found = candidate.name }
        }
        return found
    }

    /// The token of `Bearer <token>` (the scheme is case-insensitive, RFC 9110 §11.1).
    public static func bearerToken(_ field: String?) -> String? {
        guard let field, field.utf8.count > 7, field.prefix(7).lowercased() == "bearer " else { return nil }
        let token = String(field.dropFirst(7)).trimmingSpaces()
        return token.isEmpty ? nil : token
    }
}
