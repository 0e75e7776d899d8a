import Support

/// The date object every date of the archive is served as:
/// `{"edtf", "earliest", "latest", "uncertain", "approximate", "display"}`.
public enum DateObject {
    /// The date object of `edtf`, or null when there is no date. A stored value always parses
    /// (it was checked on the way in); should one not, it is served with null bounds, never dropped.
    public static func make(_ edtf: String?) -> JSONValue {
        guard let edtf else { return .null }
        guard let date = try? EDTFDate.parse(edtf) else {
            return ["edtf": .string(edtf), "earliest": nil, "latest": nil, "uncertain": false, "approximate": false, "display": .string(edtf)]
        }
        return make(date)
    }

    /// The date object of a parsed date.
    public static func make(_ date: EDTFDate) -> JSONValue {
        [
            "edtf": .string(date.edtf),
            "earliest": JSONValue(date.earliest?.iso),
            "latest": JSONValue(date.latest?.iso),
            "uncertain": .bool(date.uncertain),
            "approximate": .bool(date.approximate),
            "display": .string(date.display),
        ]
    }
}
