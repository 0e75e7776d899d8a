// The request line and the field lines (RFC 9112 §3, §5).
extension RequestParser {
    /// Parses the request line, skipping leading empty lines (RFC 9112 §2.2).
    mutating func parseRequestLine() -> Step {
        switch nextLine(limit: limits.maxRequestLine) {
        case .needMore:
            rememberScan()
            return headBytes + bufferedByteCount > limits.maxHeaderSize ? .failed(.headerTooLarge) : .needMore
        case .tooLong: return .failed(.requestLineTooLong)
        case .badEnding: return .failed(.invalidLineEnding)
        case .line(let range, let next):
            headBytes += next - position
            position = next
            if headBytes > limits.maxHeaderSize { return .failed(.headerTooLarge) }
            if range.isEmpty { return .continue }  // a leading empty line
            if let error = readRequestLine(range) { return .failed(error) }
            fields = HTTPFields()
            fields.reserveCapacity(8)
            state = .fields
            return .continue
        }
    }

    /// Splits and checks `method SP request-target SP HTTP-version`.
    private mutating func readRequestLine(_ range: Range<Int>) -> ParseError? {
        let line = buffer[range]
        guard let firstSpace = line.firstIndex(of: 0x20), firstSpace > range.lowerBound else { return .invalidRequestLine }
        let methodBytes = line[range.lowerBound..<firstSpace]
        guard let secondSpace = line[(firstSpace + 1)...].firstIndex(of: 0x20), secondSpace > firstSpace + 1 else {
            return .invalidRequestLine
        }
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        let versionBytes = line[(secondSpace + 1)...]
        guard methodBytes.allSatisfy(HTTPSyntax.isTokenByte) else { return .invalidMethod }
        guard targetBytes.allSatisfy(RequestParser.isTargetByte) else { return .invalidTarget }
        guard let parsedVersion = RequestParser.parseVersion(versionBytes) else {
            return versionBytes.contains(0x20) ? .invalidRequestLine : .invalidVersion
        }
        guard parsedVersion.major == 1 else { return .unsupportedVersion }
        guard let parsedMethod = HTTPMethod(bytes: methodBytes) else { return .unsupportedMethod }
        method = parsedMethod
        version = parsedVersion.minor == 0 ? .http1_0 : .http1_1
        return readTarget(targetBytes)
    }

    /// Recognises origin-, absolute- and asterisk-form (RFC 9112 §3.2); authority-form is CONNECT only.
    private mutating func readTarget(_ bytes: ArraySlice<UInt8>) -> ParseError? {
        target = String(decoding: bytes, as: UTF8.self)
        var pathBytes = bytes
        if bytes.first == UInt8(ascii: "/") {
            // origin-form
        } else if bytes.count == 1 && bytes.first == UInt8(ascii: "*") {
            guard method == .OPTIONS else { return .invalidTarget }
            path = "*"
            query = nil
            return nil
        } else {
            // absolute-form: scheme "://" authority path-abempty [ "?" query ]
            let lowered = bytes.prefix(8).map { $0 | 0x20 }
            let schemeLength: Int
            if lowered.starts(with: "http://".utf8) { schemeLength = 7 }
            else if lowered.starts(with: "https://".utf8) { schemeLength = 8 }
            else { return .invalidTarget }
            let authorityStart = bytes.startIndex + schemeLength
            let authorityEnd = bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? bytes.endIndex
            guard authorityEnd > authorityStart, RequestParser.isValidHost(bytes[authorityStart..<authorityEnd]) else {
                return .invalidTarget
            }
            pathBytes = bytes[authorityEnd...]
        }
        if let mark = pathBytes.firstIndex(of: UInt8(ascii: "?")) {
            path = RequestParser.pathString(pathBytes[..<mark])
            query = String(decoding: pathBytes[(mark + 1)...], as: UTF8.self)
        } else {
            path = RequestParser.pathString(pathBytes)
            query = nil
        }
        return nil
    }

    private static func pathString(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.isEmpty ? "/" : String(decoding: bytes, as: UTF8.self)
    }

    /// `HTTP/DIGIT.DIGIT`, case-sensitive (RFC 9112 §2.3).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) -> HTTPVersion? {
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8) else { return nil }
        let major = bytes[bytes.startIndex + 5], dot = bytes[bytes.startIndex + 6], minor = bytes[bytes.startIndex + 7]
        guard dot == UInt8(ascii: "."), (0x30...0x39).contains(major), (0x30...0x39).contains(minor) else { return nil }
        return HTTPVersion(major: Int(major - 0x30), minor: Int(minor - 0x30))
    }

    /// Bytes allowed in a request target: visible ASCII except `#` (no SP, CTL, DEL or non-ASCII).
    static func isTargetByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "#")
    }

    /// Parses one field line of the header section.
    mutating func parseFieldLine() -> Step {
        switch nextLine(limit: limits.maxFieldLine) {
        case .needMore:
            rememberScan()
            return headBytes + bufferedByteCount > limits.maxHeaderSize ? .failed(.headerTooLarge) : .needMore
        case .tooLong: return .failed(.fieldLineTooLong)
        case .badEnding: return .failed(.invalidLineEnding)
        case .line(let range, let next):
            headBytes += next - position
            position = next
            if headBytes > limits.maxHeaderSize { return .failed(.headerTooLarge) }
            if range.isEmpty { return headComplete() }
            if fields.count == limits.maxFieldCount { return .failed(.tooManyFields) }
            switch readField(range) {
            case .success(let field): fields.appendValidated(name: field.name, value: field.value)
            case .failure(let error): return .failed(error)
            }
            return .continue
        }
    }

    /// Splits `field-name ":" OWS field-value OWS` and checks both parts (RFC 9112 §5).
    func readField(_ range: Range<Int>) -> Result<HTTPFields.Field, ParseError> {
        let line = buffer[range]
        guard let first = line.first, !HTTPSyntax.isWhitespace(first) else { return .failure(.obsoleteLineFolding) }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > range.lowerBound else {
            return .failure(.invalidFieldName)
        }
        let name = line[range.lowerBound..<colon]
        if let last = name.last, HTTPSyntax.isWhitespace(last) { return .failure(.whitespaceBeforeColon) }
        guard name.allSatisfy(HTTPSyntax.isTokenByte) else { return .failure(.invalidFieldName) }
        var value = line[(colon + 1)...]
        while let head = value.first, HTTPSyntax.isWhitespace(head) { value = value.dropFirst() }
        while let tail = value.last, HTTPSyntax.isWhitespace(tail) { value = value.dropLast() }
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else { return .failure(.invalidFieldValue) }
        return .success(HTTPFields.Field(name: String(decoding: name, as: UTF8.self),
                                         value: String(decoding: value, as: UTF8.self)))
    }
}
