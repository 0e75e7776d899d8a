// Host, message framing (Content-Length, Transfer-Encoding) and Expect, checked once the
// header section is complete (RFC 9112 §3.2, §6; RFC 9110 §10.1.1).
extension RequestParser {
    /// Checks the complete header section and decides how the body is delimited.
    mutating func headComplete() -> Step {
        var hostCount = 0
        var contentLength: Int?
        var sawTransferEncoding = false
        var codings: [Substring] = []
        var expectation: String?
        for field in fields {
            switch field.name.utf8.first.map({ $0 | 0x20 }) {
            case UInt8(ascii: "h") where HTTPFields.equalNames(field.name, HTTPFieldName.host.rawValue):
                hostCount += 1
                if hostCount > 1 { return .failed(.duplicateHost) }
                if !RequestParser.isValidHost(Array(field.value.utf8)[...]) { return .failed(.invalidHost) }
            case UInt8(ascii: "c") where HTTPFields.equalNames(field.name, HTTPFieldName.contentLength.rawValue):
                guard let length = RequestParser.parseContentLength(field.value) else { return .failed(.invalidContentLength) }
                if let previous = contentLength, previous != length { return .failed(.conflictingContentLength) }
                contentLength = length
            case UInt8(ascii: "t") where HTTPFields.equalNames(field.name, HTTPFieldName.transferEncoding.rawValue):
                sawTransferEncoding = true
                for element in field.value.split(separator: ",", omittingEmptySubsequences: false) {
                    let trimmed = Substring(element.utf8.drop(while: HTTPSyntax.isWhitespace)).trailingTrimmed
                    if !trimmed.isEmpty { codings.append(trimmed) }
                }
            case UInt8(ascii: "e") where HTTPFields.equalNames(field.name, HTTPFieldName.expect.rawValue):
                expectation = expectation.map { $0 + ", " + field.value } ?? field.value
            default:
                break
            }
        }
        if version.minor >= 1 && hostCount == 0 { return .failed(.missingHost) }

        if sawTransferEncoding {
            // RFC 9112 §6.1: TE with CL is a smuggling attempt: 400 and close.
            if contentLength != nil { return .failed(.contentLengthWithTransferEncoding) }
            guard let last = codings.last, HTTPFields.equalNames(String(last), "chunked") else {
                return .failed(.chunkedNotLast)
            }
            for coding in codings.dropLast() {
                if HTTPFields.equalNames(String(coding), "chunked") { return .failed(.chunkedNotLast) }
                return .failed(.unsupportedTransferCoding)
            }
            // RFC 9112 §6.1: an HTTP/1.0 message with TE is answered, then the connection closes.
            if version.minor == 0 { closeAfterResponse = true }
        }

        var expectsBody = sawTransferEncoding || (contentLength ?? 0) > 0
        if let length = contentLength, length > limits.maxBodySize { return .failed(.bodyTooLarge) }
        if let expectation, version.minor >= 1 {
            // RFC 9110 §10.1.1: a server ignores Expect from an HTTP/1.0 client.
            guard HTTPFields.equalNames(expectation, "100-continue") else { return .failed(.expectationFailed) }
            continuePending = expectsBody && bufferedByteCount == 0
        }

        if sawTransferEncoding {
            state = .chunkSize
        } else if let length = contentLength, length > 0 {
            state = .body(remaining: length)
        } else {
            expectsBody = false
            return .complete
        }
        if continuePending && expectsBody {
            continuePending = false
            return .expectContinue
        }
        return .continue
    }

    /// `Content-Length = 1*DIGIT`: no sign, no space, no list, no hex; nil on overflow.
    static func parseContentLength(_ value: String) -> Int? {
        var result = 0
        var digits = 0
        for byte in value.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            result = sum
            digits += 1
        }
        return digits > 0 ? result : nil
    }

    /// `uri-host [ ":" port ]`: reg-name, IPv4 or `[IPv6]` characters, digits after the colon.
    static func isValidHost(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        if rest.first == UInt8(ascii: "[") {
            guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = rest[(rest.startIndex + 1)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
            rest = rest[(close + 1)...]
            if rest.isEmpty { return true }
            guard rest.first == UInt8(ascii: ":") else { return false }
            return rest.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        if let colon = rest.firstIndex(of: UInt8(ascii: ":")) {
            guard rest[(colon + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            rest = rest[..<colon]
        }
        return rest.allSatisfy(isRegNameByte)
    }

    /// unreserved / pct-encoded / sub-delims (RFC 3986 §3.2.2).
    private static func isRegNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~%!$&'()*+,;=".utf8.contains(byte)
        }
    }

    /// 0-9, a-f, A-F.
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }
}
