// Level-2 sets: "[a,b,c..d]" (one of) and "{a,b}" (all of).

extension EDTFParser {
    /// "[a,b,c..d]" (one of) or "{a,b}" (all of), with optional "..a" first and "z.." last.
    mutating func parseSet() throws(EDTFError) -> EDTFExpression {
        let openOffset = i
        let allOf = chars[i] == "{"
        let close: Character = allOf ? "}" : "]"
        let wrongClose: Character = allOf ? "]" : "}"
        i += 1
        var members: [EDTFSetMember] = []
        var earlier = false
        var later = false
        if peek() == close { throw fail("a set needs at least one date", at: i) }
        while true {
            guard peek() != nil else { throw unclosedSet(openOffset, close) }
            var openStart = false
            if peek() == "." {
                guard peek(1) == "." else { throw fail("expected '..'", at: i) }
                if !members.isEmpty {
                    throw fail("'..' before a date is only allowed on the first date of a set", at: i)
                }
                openStart = true
                earlier = true
                i += 2
                guard peek() != nil else { throw unclosedSet(openOffset, close) }
            }
            let first = try parseSetDate()
            var member = EDTFSetMember.date(first)
            if peek() == ".", peek(1) == "." {
                let dots = i
                i += 2
                if peek() == close || peek() == nil {
                    if openStart { throw fail("a set date cannot be open at both ends", at: dots) }
                    later = true
                } else if peek() == "," {
                    throw fail("'..' after a date is only allowed on the last date of a set", at: dots)
                } else {
                    if openStart { throw fail("a range cannot start with '..'", at: dots) }
                    let last = try parseSetDate()
                    if first.earliest > last.latest {
                        throw fail("the range's start (\(first.display)) is after its end (\(last.display))", at: last.offset)
                    }
                    member = .range(first, last)
                }
            } else if peek() == "." {
                throw fail("expected '..'", at: i)
            }
            members.append(member)
            guard let c = peek() else { throw unclosedSet(openOffset, close) }
            if c == close { i += 1; break }
            if c == "," {
                if later { throw fail("'..' after a date is only allowed on the last date of a set", at: i - 2) }
                i += 1
                if peek() == close { throw fail("expected a date after ','", at: i) }
                continue
            }
            if c == "/" { throw fail("intervals are not allowed inside a set", at: i) }
            if c == wrongClose { throw fail("the set opened with '\(chars[openOffset])' must be closed with '\(close)'", at: i) }
            if c == " " { throw fail("spaces are not allowed; separate dates with ',' only", at: i) }
            throw fail("unexpected \(EDTFParser.shown(c)) in the set; expected ',' or '\(close)'", at: i)
        }
        return .set(allOf: allOf, members: members, earlier: earlier, later: later)
    }

    private mutating func parseSetDate() throws(EDTFError) -> EDTFSingle {
        if let c = peek(), c == "[" || c == "{" { throw fail("sets cannot be nested", at: i) }
        let d = try parseSingle()
        if let t = d.time { throw fail("a time of day is not allowed in a set", at: t.offset) }
        return d
    }

    private func unclosedSet(_ openOffset: Int, _ close: Character) -> EDTFError {
        fail("the set opened at character \(openOffset + 1) is not closed; expected a date and '\(close)'", at: chars.count)
    }
}
