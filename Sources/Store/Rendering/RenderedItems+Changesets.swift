/// Renderings and replication: the stored renderings are derived from the other tables, so a
/// write's changeset leaves them out (``ChangeLog``) and whoever applies it renders again, in the
/// same transaction, what the write touched.
extension RenderedItems {
    /// The tables a changeset leaves out: rendered again from the rows it holds.
    static let derivedTables = ["rendered_items", "rendered_embeds"]

    /// The items `changeset` writes, read after it was applied: every item it records a revision
    /// of (each write records one for every item whose rows it wrote or deleted) and both ends
    /// and the source of every relation it adds, changes or removes. ``refresh(_:in:)`` of these
    /// renders again every item the primary's write changed; an item among them whose rows did
    /// not change renders to the bytes it has.
    static func written(by changeset: [UInt8], in db: Connection) throws -> Set<String> {
        let revisionColumns = try columns(of: "revisions", ["item_id"], in: db)
        let relationColumns = try columns(of: "relations", ["ordinal", "from_id", "to_id", "source_id"], in: db)
        var ids = Set<String>()
        var relationsToRead: [SQLValue] = []
        try Connection.forEachChange(in: changeset, tables: ["revisions", "relations"]) { change in
            let columns = change.table == "revisions" ? revisionColumns : Array(relationColumns.dropFirst())
            for column in columns {
                for case .text(let id)? in [change.old[column], change.new[column]] { ids.insert(id) }
            }
            // An UPDATE holds only the columns it changed: the ends of the relation are in the row.
            if change.table == "relations", change.operation == .update, let ordinal = change.old[relationColumns[0]] {
                relationsToRead.append(ordinal)
            }
        }
        for ordinal in relationsToRead {
            try db.cachedStatement("SELECT from_id, to_id, source_id FROM relations WHERE ordinal = ?").forEachRow([ordinal]) { row in
                for index in 0..<3 { if let id = row.text(index) { ids.insert(id) } }
            }
        }
        return ids
    }

    /// The positions of `names` among the columns of `table`.
    private static func columns(of table: String, _ names: [String], in db: Connection) throws -> [Int] {
        let all = try db.cachedStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid").rows([.text(table)]) { $0.text(0) ?? "" }
        return try names.map { name in
            guard let index = all.firstIndex(of: name) else { throw StoreError.incompatibleDatabase("the table \(table) has no column \(name)") }
            return index
        }
    }
}
