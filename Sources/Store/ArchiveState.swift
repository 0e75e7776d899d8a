/// The data's revision and the time of its last change: the basis of ETags and Last-Modified.
public struct ArchiveState: Sendable, Equatable {
    /// A counter raised by every import and write.
    public var revision: Int
    /// Seconds since the epoch of the last change (whole seconds, as HTTP dates have).
    public var lastModified: Int64?

    public init(revision: Int, lastModified: Int64?) {
        self.revision = revision
        self.lastModified = lastModified
    }

    /// Reads the state inside the caller's transaction.
    static func read(_ db: Connection) throws -> ArchiveState {
        let revision = try db.cachedStatement("SELECT value FROM meta WHERE key = 'revision'").scalarInt() ?? 0
        let modified = try db.cachedStatement("SELECT CAST(strftime('%s', value) AS INTEGER) FROM meta WHERE key = 'last_modified'").scalarInt()
        return ArchiveState(revision: Int(revision), lastModified: modified)
    }
}
