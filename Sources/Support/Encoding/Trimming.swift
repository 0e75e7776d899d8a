extension String {
    /// The text without leading and trailing spaces (U+0020 only: HTTP's OWS tabs are handled by the parser).
    public func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
