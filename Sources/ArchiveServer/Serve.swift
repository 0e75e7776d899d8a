import API
import Dispatch
import Server
import Store
import Support

func runHealthcheck(options: CommandLineOptions) -> Int32 {
    HealthCheckClient.isHealthy(host: options.host, port: options.port, path: options.healthcheckReady ? "/readyz" : "/healthz") ? 0 : 1
}

func runServe(options: CommandLineOptions, version: String) throws {
    // Before the signals are held: a replica waiting for its primary stops at SIGTERM.
    let primary = options.followURL.flatMap(HTTPClient.Endpoint.init(url:))
    if let primary, let token = options.replicationToken { bootstrapReplicaIfEmpty(options.databasePath, from: primary, token: token) }
    HTTPServer.holdTerminationSignals()  // before the database's queues start threads
    var settings = APISettings()
    settings.version = version
    settings.cacheControl = options.cacheControl
    settings.corsOrigins = options.corsOrigins
    settings.readOnly = options.readOnly
    settings.requireIfMatch = options.requireIfMatch
    settings.cacheBytes = options.cacheBytes
    settings.curators = try CuratorTokens.load(options)
    settings.replicationToken = options.replicationToken
    settings.primaryURL = options.followURL
    settings.maxLag = .seconds(options.maxLagSeconds)
    let archive = try Archive.open(path: options.databasePath, mode: options.readOnly ? .readOnly : .create, readerCount: 8,
                                   seedWithEmbeddedArchive: primary == nil, maxDatabaseBytes: options.maxDatabaseBytes,
                                   readerMmapBytes: options.mmapBytes)
    defer { archive.close() }
    if primary == nil, !options.allowEmpty, try !archive.hasItems() {
        throw EmptyArchive(path: options.databasePath, revision: try archive.revision())
    }
    let api = try ArchiveAPI(archive: archive, settings: settings)
    let follower = primary.map { ReplicaFollower(api: api, primary: $0, token: options.replicationToken ?? "") }
    follower?.start()
    defer { follower?.stop() }
    var limits = HTTPLimits()
    limits.maxBodySize = options.maxBodyBytes
    let configuration = ServerConfiguration(
        host: options.host, port: options.port, maxConnections: options.maxConnections,
        maxConnectionsPerClient: options.maxConnectionsPerClient,
        // A primary's followers each hold a worker in their long-poll: room for eight of them.
        workerCount: options.replicationToken != nil && primary == nil ? ServerConfiguration.defaultWorkerCount + 8 : nil,
        limits: limits,
        logFormat: ServerConfiguration.LogFormat(rawValue: options.logFormat) ?? .text)
    let server = HTTPServer(configuration: configuration, responder: api.makeResponder(logFormat: configuration.logFormat))
    try server.start()
    server.runUntilSignalled()
}

/// `serve` refuses a database that holds no archive: most often the leftover of a mistake.
struct EmptyArchive: Error, CustomStringConvertible {
    let path: String
    let revision: Int

    var description: String {
        "\(path) holds no archive (no items, revision \(revision)): import one with `archive-server import FILE --db \(path)`, or serve it empty with --allow-empty"
    }
}

/// A replica with no database at `path` starts from its primary's snapshot; an unreachable
/// primary is retried each second (the replica cannot serve anything before it has data).
func bootstrapReplicaIfEmpty(_ path: String, from primary: HTTPClient.Endpoint, token: String) {
    guard !Files.exists(path) else { return }
    var lastProblem = ""
    while true {
        do {
            let started = ContinuousClock.now
            let revision = try ReplicaFollower.bootstrap(from: primary, token: token, into: path)
            ErrorLog.write("replica: started from a snapshot of \(primary) at revision \(revision) in \(started.duration(to: .now))")
            return
        } catch {
            let text = String(describing: error)
            if text != lastProblem { ErrorLog.write("replica: cannot take a snapshot from \(primary): \(text); retrying every second") }
            lastProblem = text
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .seconds(1))
        }
    }
}
