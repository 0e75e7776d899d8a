// Content-Length bodies and the chunked transfer coding (RFC 9112 §6.3, §7.1).
extension RequestParser {
    /// Waits until the whole declared body is buffered, then takes it in one copy.
    mutating func parseFixedBody(_ remaining: Int) -> Step {
        guard bufferedByteCount >= remaining else { return .needMore }
        body = Array(buffer[position..<(position + remaining)])
        position += remaining
        return .complete
    }

    /// `chunk-size [ chunk-ext ] CRLF`: hex digits, overflow-safe, extensions bounded and checked.
    mutating func parseChunkSize() -> Step {
        switch nextLine(limit: limits.maxChunkLine) {
        case .needMore:
            rememberScan()
            return .needMore
        case .tooLong: return .failed(.chunkLineTooLong)
        case .badEnding: return .failed(.invalidLineEnding)
        case .line(let range, let next):
            position = next
            var size = 0
            var index = range.lowerBound
            while index < range.upperBound, RequestParser.isHexDigit(buffer[index]) {
                let byte = buffer[index] | 0x20
                let digit = byte <= 0x39 ? Int(byte - 0x30) : Int(byte - 0x61 + 10)
                guard size <= (Int.max - digit) / 16 else { return .failed(.invalidChunkSize) }
                size = size * 16 + digit
                index += 1
            }
            guard index > range.lowerBound else { return .failed(.invalidChunkSize) }
            if index < range.upperBound {
                // chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
                let extensions = buffer[index..<range.upperBound].drop(while: HTTPSyntax.isWhitespace)
                guard extensions.first == UInt8(ascii: ";"), extensions.allSatisfy(HTTPSyntax.isFieldValueByte) else {
                    return .failed(.invalidChunkSize)
                }
            }
            if size == 0 {
                state = .trailers
                return .continue
            }
            guard size <= limits.maxBodySize - body.count else { return .failed(.bodyTooLarge) }
            if body.isEmpty { body.reserveCapacity(size) }
            state = .chunkData(remaining: size)
            return .continue
        }
    }

    /// Copies chunk data as it arrives.
    mutating func parseChunkData(_ remaining: Int) -> Step {
        let available = Swift.min(bufferedByteCount, remaining)
        guard available > 0 else { return .needMore }
        body.append(contentsOf: buffer[position..<(position + available)])
        position += available
        state = available == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - available)
        return .continue
    }

    /// The CRLF after chunk data, exactly.
    mutating func parseChunkDataEnd() -> Step {
        guard bufferedByteCount >= 2 else {
            if bufferedByteCount == 1 && buffer[position] != 0x0D { return .failed(.invalidChunkTerminator) }
            return .needMore
        }
        guard buffer[position] == 0x0D, buffer[position + 1] == 0x0A else { return .failed(.invalidChunkTerminator) }
        position += 2
        state = .chunkSize
        return .continue
    }

    /// One trailer field line, or the empty line that ends the message; trailers are kept apart.
    mutating func parseTrailerLine() -> Step {
        switch nextLine(limit: limits.maxTrailerSize) {
        case .needMore:
            rememberScan()
            return trailerBytes + bufferedByteCount > limits.maxTrailerSize + 2 ? .failed(.trailerTooLarge) : .needMore
        case .tooLong: return .failed(.trailerTooLarge)
        case .badEnding: return .failed(.invalidLineEnding)
        case .line(let range, let next):
            trailerBytes += next - position
            position = next
            if range.isEmpty { return .complete }
            if trailerBytes > limits.maxTrailerSize { return .failed(.trailerTooLarge) }
            switch readField(range) {
            case .success(let field): trailers.appendValidated(name: field.name, value: field.value)
            case .failure(let error): return .failed(error)
            }
            return .continue
        }
    }
}
