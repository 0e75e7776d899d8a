import Testing
@testable import Store
import Support

/// `sort=date` pages are read in the order of the index `items_type_sort_date`: SQLite sorts
/// nothing itself (no "USE TEMP B-TREE FOR ORDER BY"), either way, after a cursor, with filters
/// and date windows — but for a filtered page with few matches, which sorts them; both give the
/// pages a sort of every matching row would give.
@Suite struct DateSortPlanTests {
    private static let day1941 = -10_592  // 1941-01-01
    private static let day1949 = -7_670  // 1949-01-01

    private static func queries() -> [(String, CollectionQuery)] {
        var result: [(String, CollectionQuery)] = []
        func add(_ name: String, _ type: ItemType = .document, _ change: (inout CollectionQuery) -> Void) {
            for descending in [false, true] {
                var query = CollectionQuery(type: type)
                query.sort = .date
                query.descending = descending
                change(&query)
                result.append(("\(type.rawValue) \(name)\(descending ? " desc" : "")", query))
            }
        }
        add("plain") { _ in }
        add("kind") { $0.filters = [("kind", ["decree", "order"])] }
        add("issuer") { $0.filters = [("issuer", ["council-of-ministers-ussr"])] }
        add("overlap") { $0.from = day1941; $0.to = day1949 }
        add("within") { $0.from = day1941; $0.to = day1949; $0.within = true }
        add("within from") { $0.from = day1941; $0.within = true }
        add("kind and window") { $0.filters = [("kind", ["decree"])]; $0.from = day1941 }
        for type in [ItemType.event, .person, .institution] {
            add("plain", type) { _ in }
            add("window", type) { $0.from = day1941; $0.to = day1949 }
        }
        return result
    }

    @Test func dateSort_UsesTheIndex_NoTemporarySort() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                for (name, query) in Self.queries() {
                    for after in [nil, [JSONValue.int(Int64(Self.day1941)), .int(Int64(Self.day1941)), .string("m")]] {
                        let (sql, arguments) = try Collections.listSQL(query, after: after, limit: 51)
                        let plan = try db.cachedStatement("EXPLAIN QUERY PLAN " + sql).rows(arguments) { $0.text(3) ?? "" }
                        let label = "\(name)\(after == nil ? "" : " after a cursor"): \(plan)"
                        #expect(!plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(label)")
                        #expect(plan.contains { $0.contains("items_type_sort_date") }, "\(label)")
                        if after != nil { #expect(plan.contains { $0.contains("<expr>") }, "the cursor starts an index range: \(label)") }
                    }
                }
            }
        }
    }

    /// A filtered page with few matches sorts them instead (a rare value would otherwise walk most
    /// of the index): the same rows in the same order, from every cursor.
    @Test func sortingTheMatches_GivesTheRowsOfTheIndexWalk() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                for (name, query) in Self.queries() {
                    var cursors: [[JSONValue]?] = [nil]
                    var walk = query
                    walk.limit = 4
                    while let next = try Collections.page(walk, in: db).next, cursors.count < 50 {
                        cursors.append(next)
                        walk.after = next
                    }
                    for after in cursors {
                        func rows(_ sortingMatches: Bool) throws -> [String] {
                            let (sql, arguments) = try Collections.listSQL(query, after: after, limit: 5, sortingMatches: sortingMatches)
                            return try db.cachedStatement(sql).rows(arguments) { row in (0..<8).map { "\(row.value($0))" }.joined(separator: "|") }
                        }
                        #expect(try rows(true) == rows(false), "\(name) after \(String(describing: after))")
                    }
                }
            }
        }
    }

    @Test func onlyAFilteredDateSortWithFewMatches_SortsThem() {
        var query = CollectionQuery(type: .document)
        query.sort = .date
        let limit = CollectionSQL.sortedMatchesLimit
        #expect(CollectionSQL.sortsMatches(query, isUnfiltered: false, total: limit))
        #expect(!CollectionSQL.sortsMatches(query, isUnfiltered: false, total: limit + 1))
        #expect(!CollectionSQL.sortsMatches(query, isUnfiltered: true, total: 10), "an unfiltered list walks the index")
        query.sort = .label
        #expect(!CollectionSQL.sortsMatches(query, isUnfiltered: false, total: 10))
    }

    /// Walking every page of each query gives every matching item once, in the order of the
    /// sort keys (compared in Swift here, not by SQLite).
    @Test func dateSortPages_WalkEveryMatchInKeyOrder() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                for (name, var query) in Self.queries() {
                    query.limit = 3
                    query.after = nil
                    var seen: [String] = []
                    var keys: [[Int64]] = []
                    var pages = 0
                    while true {
                        let page = try Collections.page(query, in: db)
                        for item in page.items {
                            let id = item.objectValue?["id"]?.stringValue ?? ""
                            seen.append(id)
                            keys.append(try Self.sortKey(id, in: db))
                        }
                        pages += 1
                        guard let next = page.next, pages < 500 else { break }
                        query.after = next
                    }
                    var everything = query
                    everything.after = nil
                    everything.limit = 10_000
                    let total = try Collections.page(everything, in: db).total
                    #expect(seen.count == total, "\(name)")
                    #expect(Set(seen).count == seen.count, "\(name): no item twice")
                    let ordered = zip(keys, seen).map { ($0, $1) }
                    let sorted = ordered.sorted { a, b in
                        let (ka, kb) = (a.0, b.0)
                        if ka != kb { return query.descending ? kb.lexicographicallyPrecedes(ka) : ka.lexicographicallyPrecedes(kb) }
                        return query.descending ? a.1 > b.1 : a.1 < b.1
                    }
                    #expect(sorted.map(\.1) == seen, "\(name): in key order")
                }
            }
        }
    }

    private static func sortKey(_ id: String, in db: Connection) throws -> [Int64] {
        try db.cachedStatement("SELECT earliest, latest FROM items WHERE id = ?").firstRow([.text(id)]) { row in
            let undated = CollectionSQL.undatedKey
            return [row.int(0) ?? row.int(1) ?? undated, row.int(1) ?? undated]
        } ?? []
    }
}
