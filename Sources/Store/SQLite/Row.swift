import CSQLite

/// The current row of a stepping ``Statement``.
///
/// A view, not a copy: it is valid only inside the callback that received it (`forEachRow`,
/// `rows`, `firstRow`). Never store it or let it escape; copy the values out instead.
/// Column indexes start at 0. Reads follow SQLite's conversions:
/// <https://www.sqlite.org/c3ref/column_blob.html>.
struct Row {
    let handle: OpaquePointer

    /// The number of columns.
    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of column `i` (its `AS` alias if any).
    func columnName(_ i: Int) -> String {
        String(cString: sqlite3_column_name(handle, column(i)))
    }

    /// Whether column `i` is NULL.
    func isNull(_ i: Int) -> Bool {
        sqlite3_column_type(handle, column(i)) == SQLITE_NULL
    }

    /// Column `i` as an integer, nil for NULL.
    func int(_ i: Int) -> Int64? {
        isNull(i) ? nil : sqlite3_column_int64(handle, column(i))
    }

    /// Column `i` as a double, nil for NULL.
    func double(_ i: Int) -> Double? {
        isNull(i) ? nil : sqlite3_column_double(handle, column(i))
    }

    /// Column `i` as a boolean (non-zero is true), nil for NULL.
    func bool(_ i: Int) -> Bool? {
        int(i).map { $0 != 0 }
    }

    /// Column `i` as text, nil for NULL. Reads `sqlite3_column_bytes`, so an embedded NUL never
    /// truncates; invalid UTF-8 is repaired with U+FFFD.
    func text(_ i: Int) -> String? {
        if isNull(i) { return nil }
        return withTextBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of column `i`, without copying (empty for NULL).
    /// The buffer is valid only during `body`.
    func withTextBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let index = column(i)
        // Text first, then its length: https://www.sqlite.org/c3ref/column_blob.html
        guard let bytes = sqlite3_column_text(handle, index) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// Column `i` as bytes, nil for NULL (an empty BLOB is `[]`).
    func blob(_ i: Int) -> [UInt8]? {
        let index = column(i)
        if sqlite3_column_type(handle, index) == SQLITE_NULL { return nil }
        guard let bytes = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// Column `i` in its own storage class.
    func value(_ i: Int) -> SQLValue {
        switch sqlite3_column_type(handle, column(i)) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column(i)))
        case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column(i)))
        case SQLITE_TEXT: .text(text(i) ?? "")
        case SQLITE_BLOB: .blob(blob(i) ?? [])
        default: .null
        }
    }

    /// Checks the index: out of range is undefined behaviour in SQLite, so it traps here.
    @inline(__always)
    private func column(_ i: Int) -> Int32 {
        precondition(i >= 0 && i < columnCount, "column index \(i) out of range 0..<\(columnCount)")
        return Int32(i)
    }
}

/// A row is a view into a statement on one thread.
@available(*, unavailable)
extension Row: Sendable {}
