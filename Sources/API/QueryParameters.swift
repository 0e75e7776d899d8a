import Server
import Store
import Support

/// The query parameters of one request, checked against the names a route takes: an unknown
/// name, a repeated single-valued parameter or a bad value is a 400 that names the parameter.
struct QueryParameters {
    private var values: [String: String] = [:]

    /// Parses the query of `request`, allowing only `allowed` names.
    init(_ request: HTTPRequest, allowed: Set<String>) throws(Problem) {
        for item in try request.queryItems() {
            guard allowed.contains(item.name) else {
                let known = allowed.sorted()
                let suggestion = NearestNames.suggestion(for: item.name, in: known)
                throw Problem.invalidParameter(item.name, detail: "Unknown query parameter '\(item.name)'.\(suggestion) This resource takes: \(known.isEmpty ? "none" : known.joined(separator: ", ")).")
            }
            guard values[item.name] == nil else {
                throw Problem.invalidParameter(item.name, detail: "Query parameter '\(item.name)' is given more than once; give it once (a filter takes several values separated by commas).")
            }
            values[item.name] = item.value
        }
    }

    /// The raw value of `name`, if given.
    subscript(name: String) -> String? { values[name] }

    /// A whole number in `range`, or `defaultValue` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(Problem) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(text), range.contains(number) else {
            throw Problem.invalidParameter(name, detail: "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'.")
        }
        return number
    }

    /// A comma-separated list (empty entries dropped), or nil when absent.
    func list(_ name: String) throws(Problem) -> [String]? {
        guard let text = values[name] else { return nil }
        let entries = text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { throw Problem.invalidParameter(name, detail: "'\(name)' must not be empty.") }
        guard entries.count <= 100 else { throw Problem.invalidParameter(name, detail: "'\(name)' takes at most 100 values.") }
        return entries
    }

    /// `true`/`false` (also 1/0), or `defaultValue` when absent.
    func boolean(_ name: String, default defaultValue: Bool) throws(Problem) -> Bool {
        guard let text = values[name] else { return defaultValue }
        switch text.lowercased() {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw Problem.invalidParameter(name, detail: "'\(name)' must be true or false; got '\(text)'.")
        }
    }

    /// One of `choices`, or nil when absent.
    func choice(_ name: String, _ choices: [String]) throws(Problem) -> String? {
        guard let text = values[name] else { return nil }
        guard choices.contains(text) else {
            throw Problem.invalidParameter(name, detail: "'\(name)' must be one of \(choices.joined(separator: ", ")); got '\(text)'.\(NearestNames.suggestion(for: text, in: choices))")
        }
        return text
    }

    /// `from` and `to` as a window; `to` before `from` is a 400 naming `to`.
    func dateWindow() throws(Problem) -> (from: EDTFDate?, to: EDTFDate?) {
        let from = try date("from")
        let to = try date("to")
        if let from, let to, let start = from.earliest, let end = to.latest, end < start {
            throw Problem.invalidParameter("to", detail: "'to' (\(to.edtf)) is before 'from' (\(from.edtf)).")
        }
        return (from, to)
    }

    /// A level-0 EDTF date (`1941`, `1941-06`, `1941-06-14`), or nil when absent.
    func date(_ name: String) throws(Problem) -> EDTFDate? {
        guard let text = values[name] else { return nil }
        do {
            return try EDTFDate.parseLevel0(text)
        } catch {
            throw Problem.invalidParameter(name, detail: "'\(name)' must be a date such as 1941, 1941-06 or 1941-06-14: \(error.description).")
        }
    }
}
