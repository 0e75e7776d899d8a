/// One thing wrong in an archive file or an item body, located by a JSON pointer (RFC 6901).
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    public let pointer: String
    public let detail: String

    public init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(detail)" }
}

/// Every problem found in an import or a write; nothing is written while it is not empty.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    public let problems: [ValidationProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Collects problems while a document is read, so that all of them are reported at once.
final class ProblemList {
    private(set) var problems: [ValidationProblem] = []
    func add(_ pointer: String, _ detail: String) { problems.append(ValidationProblem(pointer: pointer, detail: detail)) }
    var isEmpty: Bool { problems.isEmpty }
}
