import Support

/// Sends compressible answers gzip'd (`Content-Encoding: gzip`) to clients whose
/// `Accept-Encoding` prefers it, streamed bodies included, and marks every compressible answer
/// `Vary: Accept-Encoding`, compressed or not. A gzip'd answer is another representation, so its
/// strong ETag is the identity one with `-gzip` inside the quotes (``EntityTag/coded(_:_:)``).
///
/// Left as they are: bodies under ``minimumSize``, 1xx/204/304, answers that already have a
/// `Content-Encoding` or say `Cache-Control: no-transform`, and types that do not shrink.
/// HEAD is compressed like GET, so its `Content-Length` is the compressed body's.
public struct CompressionMiddleware: HTTPMiddleware {
    /// Bodies shorter than this are sent as they are: the gzip header and trailer alone are 18 bytes.
    public static let minimumSize = 1024

    let level: Int32

    /// Compresses at `level` (zlib's 1–9).
    public init(level: Int32 = Gzip.defaultLevel) {
        self.level = level
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        var response = next.respond(to: request, context: context)
        guard !response.isBodyForbidden, !response.headers.contains(.contentEncoding),
              let type = response.headers[.contentType], Self.isCompressible(type), !Self.forbidsTransform(response)
        else { return response }
        response.headers.appendVary(.acceptEncoding)
        guard ContentCoding.negotiate(request.headers.values(.acceptEncoding)) == .gzip else { return response }
        switch response.body {
        case .empty:
            return response
        case .bytes(let bytes):
            guard bytes.count >= Self.minimumSize, let compressed = try? Gzip.compress(bytes, level: level),
                  compressed.count < bytes.count else { return response }
            response.body = .bytes(compressed)
        case .stream(let produce):
            response.body = .stream(GzipBody.compressing(produce, level: level))
        }
        response.headers.set(.contentEncoding, ContentCoding.gzip.rawValue)
        if let etag = response.headers[.etag] { response.headers.set(.etag, EntityTag.coded(etag, .gzip)) }
        return response
    }

    /// Whether a body of this media type is text that gzip shrinks: `text/*`, JSON and every
    /// `+json` type (problem+json, geo+json, openapi+json), NDJSON, XML.
    public static func isCompressible(_ contentType: String) -> Bool {
        if contentType == "application/json" { return true }  // most answers: no parse, no allocation
        let media = contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: " \t").lowercased() ?? ""
        if media.hasPrefix("text/") { return true }
        guard media.hasPrefix("application/") else { return false }
        return media == "application/json" || media.hasSuffix("+json") || media.hasSuffix("ndjson")
            || media == "application/xml" || media.hasSuffix("+xml")
    }

    /// Whether the answer says `Cache-Control: no-transform` (RFC 9111 §5.2.2.6).
    static func forbidsTransform(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers[.cacheControl], mentionsNoTransform(value) else { return false }
        return value.lowercased().split(separator: ",").contains { $0.trimmingCharacters(in: " \t") == "no-transform" }
    }

    private static let noTransform = Array("no-transform".utf8)

    /// A cheap test before the exact parse: whether `value` may hold `no-transform` in any case
    /// (`| 0x20` lowercases ASCII letters; a false positive only costs the parse).
    static func mentionsNoTransform(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            guard bytes.count >= noTransform.count else { return false }
            search: for start in 0...(bytes.count - noTransform.count) {
                for offset in 0..<noTransform.count where bytes[start + offset] | 0x20 != noTransform[offset] { continue search }
                return true
            }
            return false
        }
    }
}

extension EntityTag {
    /// The tag of `tag`'s representation sent with `coding`: `"abc"` → `"abc-gzip"` (weak tags
    /// stay weak). Identity leaves the tag as it is.
    public static func coded(_ tag: String, _ coding: ContentCoding) -> String {
        guard coding != .identity, tag.hasSuffix("\""), tag.count >= 2 else { return tag }
        return String(tag.dropLast()) + "-" + coding.rawValue + "\""
    }

    /// The identity tag of a coded one (`"abc-gzip"` → `"abc"`), for preconditions on writes
    /// that compare against the resource's identity tag.
    public static func identity(of tag: String) -> String {
        let suffix = "-" + ContentCoding.gzip.rawValue + "\""
        guard tag.hasSuffix(suffix) else { return tag }
        return String(tag.dropLast(suffix.count)) + "\""
    }
}
