/// The English of the sentences, clauses and notes.
extension DatingAnalysis {
    /// "the NKGB" (an abbreviation) or "the People's Commissariat …".
    static func institutionName(_ name: String, abbreviation: String?) -> String {
        let base = abbreviation ?? name
        return base.lowercased().hasPrefix("the ") ? base : "the " + base
    }

    /// "3 February 1941" for a day number.
    static func dayText(_ dayNumber: Int) -> String {
        let iso = Day(dayNumber: dayNumber).iso
        return (try? EDTFDate.parse(iso))?.display ?? iso
    }

    /// The display of an EDTF value, or the value itself.
    static func displayText(_ edtf: String) -> String {
        (try? EDTFDate.parse(edtf))?.display ?? edtf
    }

    /// "on 3 February 1941", "in February 1941", "in 1941", "between … and …".
    static func onText(_ edtf: String) -> String {
        guard let date = try? EDTFDate.parse(edtf) else { return "on \(edtf)" }
        let display = date.display
        if let first = date.earliest, first == date.latest { return "on " + display }
        for word in ["between", "from", "until", "about", "before", "after", "the ", "one of", "all of"] where display.hasPrefix(word) {
            return display
        }
        return "in " + display
    }

    /// "Known only to the month (February 1941)".
    static func precisionText(_ edtf: String) -> String {
        let display = displayText(edtf)
        let digits = edtf.filter { $0 != "?" && $0 != "~" && $0 != "%" }
        if digits.count == 7, digits.dropFirst(4).first == "-" { return "Known only to the month (\(display))" }
        if digits.count == 4 { return "Known only to the year (\(display))" }
        return "Known only as a span (\(display))"
    }
}

/// `text` with its first character in upper case.
func capitalised(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}
