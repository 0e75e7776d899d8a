/// User text → a safe FTS5 MATCH expression (the query language of ``Search``).
extension Search {
    /// At most this many terms are taken from the user's text (the rest is ignored).
    public static let maxTerms = 32
    /// At most this many characters of one term.
    static let maxTermLength = 200

    /// A safe FTS5 MATCH expression for any user text, or nil when it holds no searchable term.
    ///
    /// The result consists only of double-quoted strings of letters, digits and single spaces,
    /// each optionally followed by `*`, separated by spaces (implicit AND): the FTS5 query parser
    /// can never fail on it.
    public static func ftsQuery(from userText: String) -> String? {
        let terms = parseTerms(userText)
        guard !terms.isEmpty else { return nil }
        return terms.map { term in "\"" + term.words.joined(separator: " ") + "\"" + (term.prefix ? "*" : "") }
            .joined(separator: " ")
    }

    struct Term: Equatable {
        var words: [String]
        var prefix: Bool
    }

    /// Splits user text into terms (see ``ftsQuery(from:)``).
    static func parseTerms(_ text: String) -> [Term] {
        let chars = Array(text)
        var terms: [Term] = []
        var i = 0
        func add(_ segment: ArraySlice<Character>, prefix: Bool) {
            guard terms.count < maxTerms else { return }
            let words = wordRuns(segment)
            guard !words.isEmpty else { return }
            terms.append(Term(words: words, prefix: prefix))
        }
        while i < chars.count, terms.count < maxTerms {
            let c = chars[i]
            if c == "\"" {
                // A phrase up to the closing quote; an unbalanced quote is ignored.
                if let close = chars[(i + 1)...].firstIndex(of: "\"") {
                    let prefix = close + 1 < chars.count && chars[close + 1] == "*"
                    add(chars[(i + 1)..<close], prefix: prefix)
                    i = close + (prefix ? 2 : 1)
                } else {
                    i += 1
                }
            } else if c.isWhitespace {
                i += 1
            } else {
                var end = i
                while end < chars.count, !chars[end].isWhitespace, chars[end] != "\"" { end += 1 }
                let segment = chars[i..<end]
                let prefix = segment.count > 1 && segment.last == "*" && isWordCharacter(segment[end - 2])
                let groups = wordGroups(segment)
                for (index, words) in groups.enumerated() where terms.count < maxTerms {
                    terms.append(Term(words: words, prefix: prefix && index == groups.count - 1))
                }
                i = end
            }
        }
        return terms
    }

    /// Punctuation that joins the words around it into a phrase (`nkvd-order-001223`, `1,000`,
    /// `J.Bērziņš`, `col:term`); any other non-word character separates terms.
    static let joiners: Set<Character> = ["-", "‐", "‑", "–", ".", ",", "/", "'", "’", "_", ":", "@", "#", "&", "·"]

    /// The terms in `segment` (a run without whitespace or quotes): word runs joined by joiners
    /// form one phrase, other punctuation splits.
    private static func wordGroups(_ segment: ArraySlice<Character>) -> [[String]] {
        var groups: [[String]] = []
        var words: [String] = []
        var current = ""
        var length = 0
        func endWord() {
            if !current.isEmpty { words.append(current) }
            current = ""
            length = 0
        }
        func endGroup() {
            endWord()
            if !words.isEmpty { groups.append(words) }
            words = []
        }
        for c in segment {
            if isWordCharacter(c) {
                if length < maxTermLength { current.append(c); length += 1 }
            } else if joiners.contains(c) {
                endWord()
            } else {
                endGroup()
            }
        }
        endGroup()
        return groups
    }

    /// The runs of word characters in `segment` (inside a quoted phrase: all one phrase).
    private static func wordRuns(_ segment: ArraySlice<Character>) -> [String] {
        wordGroups(segment).flatMap { $0 }
    }

    /// Letters and digits of any script (a letter with combining marks is one Character).
    static func isWordCharacter(_ c: Character) -> Bool {
        guard let first = c.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
