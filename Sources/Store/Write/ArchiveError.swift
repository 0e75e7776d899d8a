/// Why a curator's write, a batch import or a history read was refused; each case maps to one
/// HTTP status (in brackets) in the API layer.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body has problems, every one listed with its JSON pointer (422).
    case invalid([ValidationProblem])
    /// The write contradicts the archive: the id exists or existed, or other items reference it (409).
    /// `referrers` names every item that refers to the one being deleted.
    case conflict(detail: String, referrers: [ItemKey])
    /// The caller's precondition (If-Match) refused the item's current state (412).
    case preconditionFailed
    /// No item of that collection has this id, and none ever had (404).
    case notFound
    /// The item was deleted at data revision `revision` (410).
    case gone(revision: Int)
    /// The database stayed locked for the whole busy timeout (503, with Retry-After).
    case busy
    /// The disk or the database size limit is full: nothing was written (507).
    case full
    /// An I/O error: nothing was written (503 or 507).
    case ioError(String)
    /// A changes feed asked for changes after `requested`, but the data is only at `current` (400).
    case sinceInFuture(requested: Int, current: Int)
    /// Anything else SQLite reported (500); the message never holds bound values.
    case failed(String)

    public var description: String {
        switch self {
        case .invalid(let problems): "invalid body: " + problems.map(\.description).joined(separator: "; ")
        case .conflict(let detail, _): detail
        case .preconditionFailed: "the item's current version does not match the precondition"
        case .notFound: "no such item"
        case .gone(let revision): "the item was deleted at revision \(revision)"
        case .busy: "the database is busy"
        case .full: "the database is full"
        case .ioError(let message): "I/O error: \(message)"
        case .sinceInFuture(let requested, let current): "since=\(requested) is after the current revision \(current)"
        case .failed(let message): message
        }
    }

    /// Maps any error thrown inside a write or a read to an ``ArchiveError``.
    static func from(_ error: any Error) -> ArchiveError {
        switch error {
        case let error as ArchiveError: return error
        case let error as ValidationError: return .invalid(error.problems)
        case let error as SQLiteError:
            if error.isPrimary(SQLiteError.busy) || error.isPrimary(SQLiteError.locked) { return .busy }
            if error.isPrimary(SQLiteError.full) { return .full }
            if error.isPrimary(SQLiteError.ioError) { return .ioError(error.description) }
            return .failed(error.description)
        default: return .failed(String(describing: error))
        }
    }
}
