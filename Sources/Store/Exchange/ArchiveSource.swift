import Support

/// Where an archive in the import format is read from: bytes in memory (a request body), a file
/// or an unnamed temporary file (`check`'s export), scanned again for every pass of a streaming
/// check and import, so that only one item is held at a time and never the file's tree.
public enum ArchiveSource: Sendable {
    case bytes([UInt8])
    case file(String)
    case scratch(ScratchFile)

    /// The top-level members that hold arrays of items or relations.
    static let arrayMembers: Set<String> = Set(ItemType.allCases.map(\.collection)).union(["relations"])

    /// One pass: `visit(key, index, bytes)` for the members `wanted` selects (see ``JSONMemberScanner``).
    func scan(wanted: (String) -> Bool, _ visit: (String, Int?, [UInt8]) throws -> Void) throws {
        var scanner = JSONMemberScanner(chunks: try chunks())
        try scanner.scan(arrays: Self.arrayMembers, wanted: wanted, visit)
    }

    /// Every element of the collection of `type`, parsed, with its index.
    func forEachElement(of type: ItemType, _ body: (JSONValue, Int) throws -> Void) throws {
        try scan(wanted: { $0 == type.collection }) { _, index, bytes in
            guard let index else { return }  // not an array: the check has said so
            try body(try JSONParser.parse(bytes), index)
        }
    }

    /// The text from its start, a chunk a call (nil at the end).
    private func chunks() throws -> () throws -> [UInt8]? {
        switch self {
        case .bytes(let bytes):
            final class Once { var bytes: [UInt8]?; init(_ bytes: [UInt8]) { self.bytes = bytes } }
            let once = Once(bytes)
            return { defer { once.bytes = nil }; return once.bytes }
        case .file(let path): return try FileChunks(path: path).next
        case .scratch(let file): return FileChunks(file).next
        }
    }

    /// The whole text (to report a syntax error exactly as the tree parser words it).
    func allBytes() throws -> [UInt8] {
        switch self {
        case .bytes(let bytes): return bytes
        case .file, .scratch:
            let next = try chunks()
            var all: [UInt8] = []
            while let chunk = try next() { all += chunk }
            return all
        }
    }
}

extension ArchiveFormat {
    /// ``check(_:existing:conflict:visit:)`` over a stream: the same problems in the same order,
    /// with memory for one item (and the ids of the file) instead of the file's tree. Passes: the
    /// top level, then the ids of each collection, then each collection's items, then the relations.
    /// A syntax error is reported as the tree parser reports it.
    static func check(
        _ source: ArchiveSource, existing: @escaping (String) -> ItemType? = { _ in nil },
        conflict: (String, ItemType) -> String? = { _, _ in nil }, visit: (DecodedItem) -> Void = { _ in }
    ) throws -> CheckedArchive {
        var visited = 0
        do {
            return try streamingCheck(source, existing: existing, conflict: conflict, visit: { item in
                visited += 1
                visit(item)
            })
        } catch is JSONMemberScanner.SyntaxError {
        } catch is JSONSyntaxError {
        }
        // Broken JSON: the tree parser words the error (and, should the scanner have been wrong
        // about a valid text, checks it whole, visiting only the items the stream did not reach:
        // both visit in the same order).
        var skipped = 0
        return try check(try source.allBytes(), existing: existing, conflict: conflict, visit: { item in
            if skipped < visited { skipped += 1 } else { visit(item) }
        })
    }

    private static func streamingCheck(
        _ source: ArchiveSource, existing: @escaping (String) -> ItemType?,
        conflict: (String, ItemType) -> String?, visit: (DecodedItem) -> Void
    ) throws -> CheckedArchive {
        let problems = ProblemList()
        var format: String?
        var schema: String?
        var description: String?
        var notArrays: [String: String] = [:]
        var unknown: [String] = []
        try source.scan(wanted: { _ in true }) { key, index, bytes in
            guard index == nil else { return }
            let value = try JSONParser.parse(bytes)
            switch key {
            case "format": format = format ?? value.stringValue
            case "schema": schema = schema ?? value.stringValue
            case "description": description = value.stringValue
            default:
                if ArchiveSource.arrayMembers.contains(key) {
                    notArrays[key] = value.typeName
                } else if !topLevelKeys.contains(key), !unknown.contains(key) {
                    unknown.append(key)
                }
            }
        }
        if (format ?? schema) != identifier && (format ?? schema) != factBaseIdentifier {
            problems.add("/format", "must be \"\(identifier)\"")
        }
        for key in unknown { problems.add("/" + pointerToken(key), "is not a known field") }

        var types: [String: ItemType] = [:]
        for type in ItemType.allCases {
            if let found = notArrays[type.collection] {
                problems.add("/\(type.collection)", "expected an array, found \(found)")
                continue
            }
            try source.forEachElement(of: type) { element, index in
                guard let id = element.objectValue?["id"]?.stringValue else { return }
                if let previous = types[id] {
                    problems.add("/\(type.collection)/\(index)/id", "duplicate id \(id.debugDescription) (already used by \(previous.withArticle))")
                } else {
                    types[id] = type
                    if let reason = conflict(id, type) { problems.add("/\(type.collection)/\(index)/id", reason) }
                }
            }
        }
        let references = ReferenceChecker { types[$0] ?? existing($0) }
        for type in ItemType.importOrder where notArrays[type.collection] == nil {
            try source.forEachElement(of: type) { element, index in
                if let item = ItemDecoder.decode(element, as: type, pointer: "/\(type.collection)/\(index)", problems: problems, references: references) {
                    visit(item)
                }
            }
        }
        var relations: [RowInsert] = []
        var seenRelations = Set<[SQLValue]>()
        if let found = notArrays["relations"] {
            problems.add("/relations", "expected an array, found \(found)")
        } else {
            try source.scan(wanted: { $0 == "relations" }) { _, index, bytes in
                guard let index else { return }
                let element = try JSONParser.parse(bytes)
                if let row = decodeRelation(element, ordinal: index, pointer: "/relations/\(index)", problems: problems, references: references) {
                    if seenRelations.insert(Array(row.values[1...3])).inserted {
                        relations.append(row)
                    } else {
                        problems.add("/relations/\(index)", "repeats an earlier relation (same from, to and type)")
                    }
                }
            }
        }
        if !problems.isEmpty { throw ValidationError(problems: problems.problems) }
        return CheckedArchive(items: .stream(source), references: references, description: description, relations: relations)
    }
}
