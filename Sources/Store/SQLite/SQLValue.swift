/// One SQLite value, as bound to a statement parameter or read from a column.
///
/// The five cases are SQLite's five storage classes: <https://www.sqlite.org/datatype3.html>.
enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// An IEEE 754 double.
    case real(Double)
    /// UTF-8 text; embedded NUL characters survive a round trip.
    case text(String)
    /// Raw bytes. An empty array binds as a zero-length BLOB, not NULL.
    case blob([UInt8])
}

// MARK: - Convenience initializers

extension SQLValue {
    /// An integer, or NULL when `value` is nil.
    init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    /// An integer, or NULL when `value` is nil.
    init(_ value: Int64?) {
        self = value.map { .integer($0) } ?? .null
    }

    /// A real, or NULL when `value` is nil.
    init(_ value: Double?) {
        self = value.map { .real($0) } ?? .null
    }

    /// Text, or NULL when `value` is nil.
    init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    /// 1 or 0: SQLite has no boolean storage class.
    init(_ value: Bool) {
        self = .integer(value ? 1 : 0)
    }

    /// 1 or 0, or NULL when `value` is nil.
    init(_ value: Bool?) {
        self = value.map { .integer($0 ? 1 : 0) } ?? .null
    }

    /// A BLOB, or NULL when `value` is nil.
    init(_ value: [UInt8]?) {
        self = value.map { .blob($0) } ?? .null
    }

    /// Whether this is SQL NULL.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// MARK: - Literals

extension SQLValue: ExpressibleByIntegerLiteral {
    /// An integer literal binds as `.integer`.
    init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLValue: ExpressibleByFloatLiteral {
    /// A float literal binds as `.real`.
    init(floatLiteral value: Double) {
        self = .real(value)
    }
}

extension SQLValue: ExpressibleByStringLiteral {
    /// A string literal binds as `.text`.
    init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLValue: ExpressibleByNilLiteral {
    /// `nil` binds as SQL NULL.
    init(nilLiteral: ()) {
        self = .null
    }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// `true` and `false` bind as 1 and 0.
    init(booleanLiteral value: Bool) {
        self = .integer(value ? 1 : 0)
    }
}

extension SQLValue: CustomStringConvertible {
    /// A short SQL-like rendering, for tests and debugging only: never put it in an error or a log.
    var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): "'" + value.replacing("'", with: "''") + "'"
        case .blob(let bytes): "x'" + bytes.map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                return byte < 16 ? "0" + hex : hex
            }.joined() + "'"
        }
    }
}
