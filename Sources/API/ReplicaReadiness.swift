import Server
import Support

/// `/readyz` on a replica: ready (200) while it follows its primary no more than `--max-lag`
/// behind; otherwise 503 (problem+json) saying why. Both carry the replica's revision, the
/// primary's and the lag, so a balancer and a person see the same thing.
enum ReplicaReadiness {
    static func response(_ api: ArchiveAPI) -> HTTPResponse {
        let report = api.replica.read()
        let lag = report.lag(at: .now)
        let lagMilliseconds = lag.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) }
        let maxLag = Int(api.settings.maxLag.components.seconds * 1000)
        var members: [(String, JSONValue)] = [
            ("role", "replica"),
            ("primary", .string(api.settings.primaryURL ?? "")),
            ("phase", .string(report.phase.rawValue)),
            ("revision", .int(Int64(report.revision))),
            ("primary_revision", report.primaryRevision.map { .int(Int64($0)) } ?? .null),
            ("lag_revisions", report.primaryRevision.map { .int(Int64(max(0, $0 - report.revision))) } ?? .null),
            ("lag_ms", lagMilliseconds.map { .int(Int64($0)) } ?? .null),
            ("max_lag_ms", .int(Int64(maxLag))),
        ]
        if let problem = report.problem { members.append(("problem", .string(problem))) }
        let notReady: String?
        if report.phase == .bootstrapping {
            notReady = "The replica is taking a new snapshot from its primary: \(report.problem ?? "")"
        } else if let lagMilliseconds, lagMilliseconds <= maxLag {
            notReady = nil
        } else if let lagMilliseconds {
            notReady = "The replica is \(lagMilliseconds) ms behind its primary (at most \(maxLag) ms allowed)\(report.problem.map { ": \($0)" } ?? ".")"
        } else {
            notReady = "The replica has not yet reached its primary\(report.problem.map { ": \($0)" } ?? ".")"
        }
        var response: HTTPResponse
        if let notReady {
            var problem = Problem(status: .serviceUnavailable, title: "Replica not ready", detail: notReady, type: Problem.typeBase + "replica-not-ready")
            for (name, value) in members {
                switch value {
                case .string(let text): problem.members.append((name, .string(text)))
                case .int(let number): problem.members.append((name, .integer(Int(number))))
                default: break
                }
            }
            response = problem.response()
        } else {
            response = Representation.json(.object(JSONObject([("status", "ready")] + members)), pretty: false)
        }
        response.headers.set(.cacheControl, "no-store")
        return response
    }
}
