/// Ordered header or trailer fields: case-insensitive lookup, duplicates kept in order.
///
/// Values can never carry CR, LF, NUL or other controls except HTAB: ``append(_:_:)`` and
/// ``set(_:_:)`` replace them with a space, so a handler cannot split a response (RFC 9110 §5.5).
/// Names must be tokens (RFC 9110 §5.1); an invalid name is a programming error and traps.
public struct HTTPFields: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field line as received or to be sent.
    public struct Field: Sendable, Equatable {
        /// The name as written (case preserved).
        public var name: String
        /// The value, trimmed of surrounding whitespace.
        public var value: String
    }

    private var storage: [Field] = []

    /// An empty list.
    public init() {}

    /// Fields from literal pairs, in order.
    public init(dictionaryLiteral elements: (HTTPFieldName, String)...) {
        for (name, value) in elements { append(name.rawValue, value) }
    }

    /// The number of field lines.
    public var count: Int { storage.count }
    /// Whether there are no fields.
    public var isEmpty: Bool { storage.isEmpty }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { storage.makeIterator() }

    /// The first value for `name`, or for a repeated field all values joined with ", ".
    public subscript(name: String) -> String? {
        var found: String?
        for field in storage where HTTPFields.equalNames(field.name, name) {
            if let first = found { found = first + ", " + field.value } else { found = field.value }
        }
        return found
    }

    /// Every value given for `name`, in order.
    public func values(_ name: String) -> [String] {
        storage.lazy.filter { HTTPFields.equalNames($0.name, name) }.map(\.value)
    }

    /// Whether any field is named `name`.
    public func contains(_ name: String) -> Bool {
        storage.contains { HTTPFields.equalNames($0.name, name) }
    }

    /// Adds a field line at the end (the value is legalized).
    public mutating func append(_ name: String, _ value: String) {
        precondition(HTTPFields.isToken(name), "invalid HTTP field name: \(name.debugDescription)")
        storage.append(Field(name: name, value: HTTPFields.legalize(value)))
    }

    /// Replaces every field named `name` by one line with `value`.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        append(name, value)
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        storage.removeAll { HTTPFields.equalNames($0.name, name) }
    }

    /// Appends a field the parser already validated (no checks, no copies).
    mutating func appendValidated(name: String, value: String) {
        storage.append(Field(name: name, value: value))
    }

    /// Reserves room for `count` fields.
    mutating func reserveCapacity(_ count: Int) {
        storage.reserveCapacity(count)
    }

    // MARK: - By name constant

    /// The first value for `name`, or for a repeated field all values joined with ", ".
    public subscript(name: HTTPFieldName) -> String? { self[name.rawValue] }
    /// Every value given for `name`, in order.
    public func values(_ name: HTTPFieldName) -> [String] { values(name.rawValue) }
    /// Whether any field is named `name`.
    public func contains(_ name: HTTPFieldName) -> Bool { contains(name.rawValue) }
    /// Adds a field line at the end (the value is legalized).
    public mutating func append(_ name: HTTPFieldName, _ value: String) { append(name.rawValue, value) }
    /// Replaces every field named `name` by one line with `value`.
    public mutating func set(_ name: HTTPFieldName, _ value: String) { set(name.rawValue, value) }
    /// Removes every field named `name`.
    public mutating func remove(_ name: HTTPFieldName) { remove(name.rawValue) }

    // MARK: - Rules

    /// ASCII case-insensitive comparison of two field names.
    static func equalNames(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }  // O(1) for native strings: most names differ here
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while let x = left.next(), let y = right.next() {
            if x != y && ((x | 0x20) != (y | 0x20) || !((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)) { return false }
        }
        return true
    }

    /// Whether `text` is a non-empty token (RFC 9110 §5.6.2).
    static func isToken(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isTokenBytes) ?? isTokenBytes(text.utf8)
    }

    private static func isTokenBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(HTTPSyntax.isTokenByte)
    }

    /// No control byte but HTAB, no DEL, no whitespace at either end.
    private static func isLegalValue<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        !bytes.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F })
            && bytes.first.map(HTTPSyntax.isWhitespace) != true && bytes.last.map(HTTPSyntax.isWhitespace) != true
    }

    /// Replaces every control byte except HTAB (CR, LF, NUL, …) and DEL with a space, trims OWS.
    static func legalize(_ value: String) -> String {
        let bytes = value.utf8
        let isLegal = bytes.withContiguousStorageIfAvailable(isLegalValue) ?? isLegalValue(bytes)
        guard !isLegal else { return value }
        let cleaned = bytes.map { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F ? 0x20 : $0 }
        let trimmed = cleaned.drop(while: HTTPSyntax.isWhitespace).reversed().drop(while: HTTPSyntax.isWhitespace).reversed()
        return String(decoding: Array(trimmed), as: UTF8.self)
    }
}

/// Byte classes from RFC 9110 §5.6 used by the parser and by ``HTTPFields``.
enum HTTPSyntax {
    /// tchar ("!#$%&'*+-.^_`|~", DIGIT, ALPHA) as bit masks of the bytes 0–63 and 64–127, so a
    /// check is a shift with no table to initialise or bounds to check (a test spells the set out).
    static let tokenBitsLow: UInt64 = 0x03FF_6CFA_0000_0000
    static let tokenBitsHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// Whether `byte` is a tchar.
    @inline(__always) static func isTokenByte(_ byte: UInt8) -> Bool {
        byte < 64 ? (tokenBitsLow >> byte) & 1 == 1 : byte < 128 && (tokenBitsHigh >> (byte - 64)) & 1 == 1
    }

    /// SP or HTAB (OWS).
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// field-vchar, SP or HTAB: VCHAR, obs-text, SP, HTAB (no CTL, no DEL).
    @inline(__always) static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == 0x09
    }
}
