import Testing
@testable import Store
import TestSupport

@Suite("EDTF hostile input")
struct EDTFFuzzTests {
    static let seeds = [
        "1941", "1941-06", "1941-06-07", "1985-04-12T23:20:30+04:30", "1941-02-03/1941-06-07", "1984?",
        "2004-06~", "2004-06-11%", "201X", "1985-XX-XX", "1985-04-12/..", "../1985", "/1985-04", "2001-24",
        "Y-170000002", "-1985", "[1667,1668,1670..1672]", "[..1760-12-03]", "{1960,1961-12}", "[1760-12..]",
        "2004-06~/2004-06-11%", "1984-1X", "2001-33",
    ]
    static let alphabet: [Character] = Array("0123456789XX--//..??~~%[]{},TZ:+YESxu ") + ["é", "😀", "١", "\u{301}", "\u{0}", "\n", "\u{200B}", "１"]

    /// Parsing must never crash; results must be consistent, errors must point inside the input.
    static func check(_ text: String) {
        do {
            let d = try EDTFDate.parse(text)
            if let a = d.earliest, let b = d.latest { #expect(a <= b, "\(text)") }
            #expect(!d.display.isEmpty, "\(text)")
            #expect(d.edtf == text)
            #expect((0...2).contains(d.level))
            _ = try? EDTFDate.parseLevel0(text)
        } catch {
            #expect(error.offset >= 0 && error.offset <= text.count, "\(text): \(error)")
            #expect(!error.message.isEmpty)
            #expect(!error.description.isEmpty)
        }
    }

    @Test func randomStrings() {
        var rng = SplitMix(seed: 1941)
        for _ in 0..<4000 {
            let length = Int.random(in: 0...30, using: &rng)
            let text = String((0..<length).map { _ in Self.alphabet.randomElement(using: &rng)! })
            Self.check(text)
        }
    }

    @Test func mutatedSpecExamples() {
        var rng = SplitMix(seed: 14_06_1941)
        for _ in 0..<6000 {
            var chars = Array(Self.seeds.randomElement(using: &rng)!)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let position = Int.random(in: 0...chars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: chars.insert(Self.alphabet.randomElement(using: &rng)!, at: position)
                case 1: if position < chars.count { chars.remove(at: position) }
                default: if position < chars.count { chars[position] = Self.alphabet.randomElement(using: &rng)! }
                }
            }
            Self.check(String(chars))
        }
    }

    @Test func everyDigitCombinationOfADate() throws {
        // Every month/day pair 00...99: either a valid day with earliest == latest, or a clear error.
        for m in 0...99 {
            for d in 0...99 {
                let text = "1941-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
                if let day = Day(year: 1941, month: m, day: d) {
                    let parsed = try EDTFDate.parse(text)
                    #expect(parsed.earliest == day && parsed.latest == day)
                } else {
                    #expect(throws: EDTFError.self) { try EDTFDate.parse(text) }
                }
            }
        }
    }

    @Test func longAndPathologicalInputs() {
        let inputs = [
            String(repeating: "[", count: 5000),
            String(repeating: "1", count: 100_000),
            String(repeating: "9", count: 30),
            "Y" + String(repeating: "9", count: 30),
            "Y-" + String(repeating: "9", count: 10),
            "Y9999999999-24",
            "Y9999999999",
            String(repeating: "/", count: 1000),
            String(repeating: "..", count: 600),
            "[" + String(repeating: "1941,", count: 199) + "1941]",
            String(repeating: "😀", count: 2000),
            String(repeating: "\u{301}", count: 2000),
            "1941" + String(repeating: "\u{301}", count: 50),
            "\u{FEFF}1941",
            "1941\r\n",
        ]
        for text in inputs { Self.check(text) }
    }
}
