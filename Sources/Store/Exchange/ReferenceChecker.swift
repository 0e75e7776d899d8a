/// Decides whether a referenced id exists and has the expected type: against the ids of an
/// import file, or against the database for a curator's write.
struct ReferenceChecker {
    let typeOf: (String) -> ItemType?

    /// True when `id` names an item of `type`; otherwise records why not at `pointer`.
    func check(_ id: String, as type: ItemType, at pointer: String, problems: ProblemList) -> Bool {
        guard let found = typeOf(id) else {
            problems.add(pointer, "refers to \(id.debugDescription), which is not \(type.withArticle) in the archive")
            return false
        }
        guard found == type else {
            problems.add(pointer, "refers to \(id.debugDescription), which is \(found.withArticle), not \(type.withArticle)")
            return false
        }
        return true
    }
}

/// One row to insert into one table.
struct RowInsert {
    let table: String
    let columns: [String]
    let values: [SQLValue]

    init(_ table: String, _ columns: [String], _ values: [SQLValue]) {
        precondition(columns.count == values.count, "\(table): \(columns.count) columns, \(values.count) values")
        self.table = table
        self.columns = columns
        self.values = values
    }

    var sql: String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}

/// An item read from the import format: its `items` row, search text, and the rows of its
/// collection's tables.
struct DecodedItem {
    let type: ItemType
    let id: String
    var label = ""
    var kind: String?
    var date: StoredDate?
    var span: (earliest: Int?, latest: Int?) = (nil, nil)
    var summary: String?
    var searchNames: [String] = []
    var searchBody: [String] = []
    var rows: [RowInsert] = []

    init(type: ItemType, id: String) {
        self.type = type
        self.id = id
    }
}

extension SQLValue {
    /// TEXT, or NULL for nil.
    static func nullable(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    /// INTEGER, or NULL for nil.
    static func nullable(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
}
