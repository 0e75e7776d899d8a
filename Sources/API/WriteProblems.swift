import Server
import Store

/// The problem+json answer for each way a write or a history read can be refused.
enum WriteProblems {
    static func problem(_ error: ArchiveError, type: ItemType? = nil, id: String? = nil) -> Problem {
        let what = type.map { "\($0.rawValue) '\(id ?? "")'" } ?? "item"
        switch error {
        case .invalid(let problems):
            return Problem(status: .unprocessableContent, title: "Invalid body",
                           detail: "The body has \(problems.count) problem(s); each is listed in 'errors' with its JSON pointer.",
                           type: Problem.typeBase + "invalid-body", errors: problems.map { ($0.pointer, $0.detail) })
        case .conflict(let detail, _):
            // The Store's detail names every referrer already.
            return Problem(status: .conflict, detail: detail, type: Problem.typeBase + "conflict")
        case .preconditionFailed:
            return Problem(status: .preconditionFailed, detail: "The \(what) has changed since the ETag given in If-Match or the date in If-Unmodified-Since "
                               + "(or it does not exist, for If-Match; or it exists, for If-None-Match): nothing was written. GET it again, then retry with its new ETag.")
        case .notFound:
            return Problem.notFound(detail: "There is no \(what).")
        case .gone(let revision):
            return Problem(status: .gone, detail: "The \(what) was deleted at revision \(revision); PUT a body (an old revision's) to restore it.",
                           members: [("deleted_at_revision", .integer(revision))])
        case .busy:
            return Problem(status: .serviceUnavailable, detail: "The database is busy; nothing was written. Retry shortly.", headers: [.retryAfter: "1"])
        case .full:
            return Problem(status: .insufficientStorage, detail: "The database is full (disk or its size limit); nothing was written.")
        case .ioError:
            return Problem(status: .serviceUnavailable, detail: "The database reported an I/O error; nothing was written.", headers: [.retryAfter: "5"])
        case .sinceInFuture(let requested, let current):
            return Problem.invalidParameter("since", detail: "'since' is \(requested), after the archive's current revision \(current).")
        case .failed(let message):
            ErrorLog.write("write failed: \(message)")
            return Problem.internalError
        }
    }
}
