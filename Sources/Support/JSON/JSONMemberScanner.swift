/// Reads the top-level object of a JSON text from a stream of chunks, one member (or one element
/// of an array member) at a time, so that a file larger than memory can be checked and imported:
/// only the bytes of the value in hand are held, never the whole text or its tree.
///
/// The scanner checks the structure between values (braces, commas, colons, strings); the values
/// handed out are parsed by the caller (``JSONParser``). Values it is told to skip are scanned,
/// not kept. A structural error throws ``JSONMemberScanner/SyntaxError``.
public struct JSONMemberScanner: ~Copyable {
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let offset: Int
        public let message: String
        public var description: String { "\(message) at byte \(offset)" }
    }

    private var buffer: [UInt8] = []
    private var position = 0
    /// The offset in the text of `buffer[0]`.
    private var base = 0
    private let next: () throws -> [UInt8]?

    /// A scanner over the chunks `next` returns in order (nil at the end).
    public init(chunks next: @escaping () throws -> [UInt8]?) {
        self.next = next
    }

    /// Calls `visit(key, index, bytes)` for every member of the top-level object, in order: for a
    /// member named in `arrays` whose value is an array, once per element (`index` 0, 1, …); for any
    /// other member once with its whole value (`index` nil). `wanted(key)` false skips the member's
    /// values without keeping them (`visit` is not called). Keys are handed out decoded.
    public mutating func scan(arrays: Set<String>, wanted: (String) -> Bool,
                              _ visit: (String, Int?, [UInt8]) throws -> Void) throws {
        try skipWhitespace()
        try expect(UInt8(ascii: "{"))
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                let key = try readKey()
                try skipWhitespace()
                try expect(UInt8(ascii: ":"))
                try skipWhitespace()
                let keep = wanted(key)
                if arrays.contains(key), try peek() == UInt8(ascii: "[") {
                    position += 1
                    try skipWhitespace()
                    if try peek() == UInt8(ascii: "]") {
                        position += 1
                    } else {
                        var index = 0
                        while true {
                            if keep { try visit(key, index, try value(keeping: true)) } else { _ = try value(keeping: false) }
                            index += 1
                            try skipWhitespace()
                            let byte = try take()
                            if byte == UInt8(ascii: "]") { break }
                            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' in the array \(key.debugDescription)", back: 1) }
                            try skipWhitespace()
                        }
                    }
                } else if keep {
                    try visit(key, nil, try value(keeping: true))
                } else {
                    _ = try value(keeping: false)
                }
                try skipWhitespace()
                let byte = try take()
                if byte == UInt8(ascii: "}") { break }
                guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}' after a member", back: 1) }
                try skipWhitespace()
            }
        }
        try skipWhitespace()
        if try peekOrEnd() != nil { throw error("unexpected text after the top-level object") }
    }

    // MARK: - Bytes

    private mutating func fill() throws -> Bool {
        while position >= buffer.count {
            guard let chunk = try next() else { return false }
            base += buffer.count
            buffer = chunk
            position = 0
        }
        return true
    }

    private mutating func peekOrEnd() throws -> UInt8? {
        if position >= buffer.count, !(try fill()) { return nil }
        return buffer[position]
    }

    private mutating func peek() throws -> UInt8 {
        guard let byte = try peekOrEnd() else { throw error("unexpected end of the text") }
        return byte
    }

    private mutating func take() throws -> UInt8 {
        let byte = try peek()
        position += 1
        return byte
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try take() == byte else { throw error("expected '\(Character(Unicode.Scalar(byte)))'", back: 1) }
    }

    private mutating func skipWhitespace() throws {
        while let byte = try peekOrEnd(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private func error(_ message: String, back: Int = 0) -> SyntaxError {
        SyntaxError(offset: base + position - back, message: message)
    }

    private mutating func readKey() throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw error("expected a member name") }
        let bytes = try value(keeping: true)
        guard case .string(let key)? = try? JSONParser.parse(bytes) else { throw error("a member name is not a valid string") }
        return key
    }

    /// Scans the value at the current byte: its bytes when `keeping`, else an empty array.
    private mutating func value(keeping: Bool) throws -> [UInt8] {
        var kept: [UInt8] = []
        var runStart = position
        func flush(_ scanner: inout JSONMemberScanner) {
            if keeping, runStart < scanner.position { kept.append(contentsOf: scanner.buffer[runStart..<scanner.position]) }
        }
        var depth = 0
        var inString = false
        var escaped = false
        let first = try peek()
        let scalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        while true {
            if position >= buffer.count {
                flush(&self)
                guard try fill() else {
                    if scalar && depth == 0 { return kept }
                    throw error("unexpected end of the text")
                }
                runStart = position
            }
            let byte = buffer[position]
            if inString {
                position += 1
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { flush(&self); return kept }
                }
                continue
            }
            if scalar {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || byte == 0x20 || byte == 0x0A
                    || byte == 0x0D || byte == 0x09 {
                    flush(&self)
                    return kept
                }
                position += 1
                continue
            }
            position += 1
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { flush(&self); return kept }
                if depth < 0 { throw error("unbalanced '\(Character(Unicode.Scalar(byte)))'", back: 1) }
            default: break
            }
        }
    }
}
