/// The content codings this server can send, and the choice between them for a request's
/// `Accept-Encoding` (RFC 9110 §12.5.3).
public enum ContentCoding: String, Sendable {
    /// No coding: the representation's bytes as they are.
    case identity
    /// gzip (RFC 9110 §8.4.1.3; `x-gzip` is its alias).
    case gzip

    /// The coding to send for the values of `Accept-Encoding`.
    ///
    /// No field, or an empty one, means identity (this server compresses only when asked).
    /// gzip is chosen when its quality (from `gzip`, `x-gzip`, else `*`) is above zero and not
    /// below identity's (from `identity`, else `*`; unlisted, identity is acceptable but the
    /// least preferred). When neither is acceptable the answer is identity all the same, as
    /// §12.5.3 advises, rather than a 406.
    public static func negotiate(_ acceptEncoding: [String]) -> ContentCoding {
        var gzip: Double?
        var identity: Double?
        var any: Double?
        for value in acceptEncoding {
            for member in value.split(separator: ",") {
                guard let (coding, quality) = parse(member) else { continue }
                switch coding {
                case "gzip", "x-gzip": gzip = max(gzip ?? 0, quality)
                case "identity": identity = quality
                case "*": any = quality
                default: continue
                }
            }
        }
        let gzipQuality = gzip ?? any ?? 0
        let identityQuality = identity ?? any ?? 0
        return gzipQuality > 0 && gzipQuality >= identityQuality ? .gzip : .identity
    }

    /// The lowercased coding and its quality, or nil for an empty or malformed member.
    static func parse(_ member: Substring) -> (String, Double)? {
        let pieces = member.split(separator: ";", omittingEmptySubsequences: false)
        let coding = pieces[0].trimmingCharacters(in: " \t").lowercased()
        guard !coding.isEmpty, coding.utf8.allSatisfy(HTTPSyntax.isTokenByte) else { return nil }
        var quality = 1.0
        for parameter in pieces.dropFirst() {
            let text = parameter.trimmingCharacters(in: " \t").lowercased()
            guard text.hasPrefix("q=") else { continue }
            guard let q = qvalue(text.dropFirst(2)) else { return nil }
            quality = q
        }
        return (coding, quality)
    }

    /// A qvalue (`0`, `0.5`, `1.000`; RFC 9110 §12.4.2), or nil when it is not one.
    static func qvalue(_ text: Substring) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole == "0" || whole == "1" else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 3, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let value = Double(text.hasSuffix(".") ? whole : text), value <= 1 else { return nil }
        return value
    }
}
