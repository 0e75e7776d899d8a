extension String {
    /// The text without leading and trailing spaces (U+0020 only: HTTP's OWS tabs are handled by the parser).
    public func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters of `set`.
    public func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }),
              let end = lastIndex(where: { !characters.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
