/// Why an EDTF string was rejected, and where.
public struct EDTFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in plain English, e.g. "month 13 is out of range".
    public let message: String
    /// 0-based character offset into the input where the problem is (== input length: at the end).
    public let offset: Int
    /// The rejected input, unchanged.
    public let input: String

    /// An error about `input` at character `offset` (0-based).
    public init(_ message: String, at offset: Int, in input: String) {
        self.message = message
        self.offset = offset
        self.input = input
    }

    /// E.g. `month 13 is out of range (at character 6 of "1941-13-01")` (character numbers are 1-based).
    public var description: String {
        let quoted = EDTFError.quote(input)
        if input.isEmpty { return message }
        if offset >= input.count { return "\(message) (at the end of \(quoted))" }
        return "\(message) (at character \(offset + 1) of \(quoted))"
    }

    /// The input in double quotes, shortened to 80 characters.
    private static func quote(_ text: String) -> String {
        let short = text.count > 80 ? String(text.prefix(77)) + "…" : text
        return "\"" + short + "\""
    }
}
