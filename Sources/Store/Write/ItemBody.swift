import Support

/// One item's body as a curator sends it: the import format's shape for one item, plus an
/// optional top-level `edit_summary` (kept on the revision, not part of the item).
struct ItemBody {
    var object: JSONObject
    var editSummary: String?
    /// Problems found before the item itself is checked (the edit summary's type, a `relations` member).
    var problems: [ValidationProblem] = []

    /// Parses `bytes`; broken JSON or a body that is not an object is refused at once, since
    /// nothing else can be judged then.
    static func parse(_ bytes: [UInt8]) throws(ArchiveError) -> ItemBody {
        try make(parseJSON(bytes))
    }

    /// `bytes` as JSON, or ``ArchiveError/invalid(_:)`` naming the byte offset of the syntax error.
    static func parseJSON(_ bytes: [UInt8]) throws(ArchiveError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .invalid([ValidationProblem(pointer: "", detail: "not valid JSON: \(error)")])
        }
    }

    /// Splits `value` into the item and its edit summary.
    static func make(_ value: JSONValue) throws(ArchiveError) -> ItemBody {
        guard case .object(var object) = value else {
            throw .invalid([ValidationProblem(pointer: "", detail: "expected an object, found \(value.typeName)")])
        }
        var body = ItemBody(object: object)
        if let summary = object["edit_summary"] {
            object["edit_summary"] = nil
            switch summary {
            case .string(let text): body.editSummary = text
            case .null: break
            default: body.problems.append(ValidationProblem(pointer: "/edit_summary", detail: "expected a string, found \(summary.typeName)"))
            }
        }
        if object["relations"] != nil {
            object["relations"] = nil
            body.problems.append(ValidationProblem(
                pointer: "/relations",
                detail: "is not a member of an item: relations are written in the top-level relations array of POST /v1/import"))
        }
        body.object = object
        return body
    }

    /// Checks the body as an item of `type` against the database: references must name items
    /// that exist (or the item itself). With `pathID`, the body's `id` must equal it (and may be
    /// left out). Throws ``ArchiveError/invalid(_:)`` listing every problem.
    func decode(as type: ItemType, pathID: String?, in db: Connection) throws -> DecodedItem {
        var object = self.object
        let problems = ProblemList()
        for problem in self.problems { problems.add(problem.pointer, problem.detail) }
        if let pathID {
            switch object["id"] {
            case nil, .null?: object["id"] = .string(pathID)
            case .string(let id)? where id != pathID:
                problems.add("/id", "is \(id.debugDescription), but the path names \(pathID.debugDescription)")
            default: break
            }
        }
        let selfID = object["id"]?.stringValue
        let lookup = DatabaseTypes(db)
        let references = ReferenceChecker { id in id == selfID ? type : lookup.type(of: id) }
        let item = ItemDecoder.decode(.object(object), as: type, pointer: "", problems: problems, references: references)
        if let error = lookup.error { throw error }
        guard problems.isEmpty, let item else { throw ArchiveError.invalid(problems.problems) }
        return item
    }
}

/// Looks up item types in the database for the reference checks, which cannot throw: the first
/// error is kept and rethrown by the caller after the check.
final class DatabaseTypes {
    private let db: Connection
    private(set) var error: (any Error)?

    init(_ db: Connection) { self.db = db }

    /// The type of the item `id`, or nil when there is none (or the lookup failed: see `error`).
    func type(of id: String) -> ItemType? {
        do {
            return try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]).flatMap(ItemType.init(rawValue:))
        } catch {
            if self.error == nil { self.error = error }
            return nil
        }
    }
}
