@testable import Server

/// What feeding some bytes to a fresh parser produced, in a comparable form.
struct ParseOutcome: Equatable, CustomStringConvertible {
    /// One line per complete request: `METHOD target vX.Y keepAlive body=<text> headers=<n: v|…>`.
    var requests: [String] = []
    /// The error, if parsing stopped on one.
    var error: ParseError?
    /// Whether the parser wanted more bytes at the end.
    var needsMore = false
    /// How many times the parser asked for a 100 Continue.
    var continues = 0

    var description: String { "requests=\(requests) error=\(String(describing: error)) needsMore=\(needsMore)" }

    /// The only request, or nil.
    var single: String? { requests.count == 1 && error == nil ? requests[0] : nil }
}

/// A one-line summary of a request for comparisons.
func summary(_ request: HTTPRequest) -> String {
    let fields = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "|")
    let trailers = request.trailers.map { "\($0.name): \($0.value)" }.joined(separator: "|")
    return "\(request.method.rawValue) \(request.target) path=\(request.path) query=\(request.query ?? "nil") "
        + "\(request.version) keepAlive=\(request.isKeepAlive) body=\(String(decoding: request.body, as: UTF8.self)) "
        + "headers=\(fields)" + (trailers.isEmpty ? "" : " trailers=\(trailers)")
}

/// Feeds `chunks` one after another to a fresh parser, draining results after each.
func outcome(feeding chunks: [ArraySlice<UInt8>], limits: HTTPLimits = HTTPLimits()) -> ParseOutcome {
    var parser = RequestParser(limits: limits)
    var result = ParseOutcome()
    for chunk in chunks {
        parser.feed(chunk)
        draining: while true {
            switch parser.next() {
            case .request(let request): result.requests.append(summary(request))
            case .expectContinue: result.continues += 1
            case .needMore: break draining
            case .error(let error):
                result.error = error
                return result
            }
        }
    }
    result.needsMore = parser.hasPartialRequest
    return result
}

/// Parses `bytes` whole, byte by byte, and split in two at every offset (up to `maxSplits`);
/// every way must give the same outcome, which is returned (the whole-input one on mismatch).
func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits(), splits: Bool = true,
           sourceLocation: SourceLocation = #_sourceLocation) -> ParseOutcome {
    var whole = outcome(feeding: [bytes[...]], limits: limits)
    whole.continues = 0
    guard splits else { return whole }
    var ways: [[ArraySlice<UInt8>]] = [bytes.indices.map { bytes[$0...$0] }]
    if bytes.count <= 2048 {
        for offset in 0...bytes.count { ways.append([bytes[..<offset], bytes[offset...]]) }
    }
    for way in ways {
        var other = outcome(feeding: way, limits: limits)
        other.continues = 0
        if other != whole {
            Issue.record("split parse differs: \(other) vs whole \(whole)", sourceLocation: sourceLocation)
            break
        }
    }
    return whole
}

/// `parse` over a string with `\r\n` written literally.
func parse(_ text: String, limits: HTTPLimits = HTTPLimits(), splits: Bool = true,
           sourceLocation: SourceLocation = #_sourceLocation) -> ParseOutcome {
    parse(Array(text.utf8), limits: limits, splits: splits, sourceLocation: sourceLocation)
}

/// The parse error for `text`, or nil.
func parseError(_ text: String, limits: HTTPLimits = HTTPLimits(), sourceLocation: SourceLocation = #_sourceLocation) -> ParseError? {
    parse(text, limits: limits, sourceLocation: sourceLocation).error
}

import Testing
