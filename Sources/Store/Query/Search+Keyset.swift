import Support

/// The `[score, rowid]` keyset of a search page.
extension Search {
    struct Scored: Equatable {
        var score: Double
        var rowid: Int64

        /// Whether `self` comes before `other`: higher score first, then lower rowid.
        func precedes(_ other: Scored) -> Bool {
            score != other.score ? score > other.score : rowid < other.rowid
        }
    }

    static func parseKeyset(_ values: [JSONValue]) throws -> Scored {
        guard values.count == 2 else { throw KeysetError.invalid("a search keyset is [score, rowid]") }
        let score: Double
        switch values[0] {
        case .double(let d) where d.isFinite: score = d
        case .int(let i): score = Double(i)
        default: throw KeysetError.invalid("a search keyset's score must be a number")
        }
        guard case .int(let rowid) = values[1] else { throw KeysetError.invalid("a search keyset's rowid must be an integer") }
        return Scored(score: score, rowid: rowid)
    }
}

/// A keyset (`after`) that is not one this store handed out.
public enum KeysetError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self { case .invalid(let message): message }
    }
}
