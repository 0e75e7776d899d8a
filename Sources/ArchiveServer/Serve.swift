import API
import Server
import Store
import Support

func runHealthcheck(options: CommandLineOptions) -> Int32 {
    HealthCheckClient.isHealthy(host: options.host, port: options.port) ? 0 : 1
}

func runServe(options: CommandLineOptions, version: String) throws {
    HTTPServer.holdTerminationSignals()  // before the database's queues start threads
    var settings = APISettings()
    settings.version = version
    settings.cacheControl = options.cacheControl
    settings.corsOrigins = options.corsOrigins
    settings.readOnly = options.readOnly
    settings.requireIfMatch = options.requireIfMatch
    settings.cacheBytes = options.cacheBytes
    settings.curators = try CuratorTokens.load(options)
    let archive = try Archive.open(path: options.databasePath, mode: options.readOnly ? .readOnly : .create, readerCount: 8,
                                   maxDatabaseBytes: options.maxDatabaseBytes)
    defer { archive.close() }
    if !options.allowEmpty, try archive.itemCount() == 0 {
        throw EmptyArchive(path: options.databasePath, revision: try archive.revision())
    }
    let api = try ArchiveAPI(archive: archive, settings: settings)
    var limits = HTTPLimits()
    limits.maxBodySize = options.maxBodyBytes
    let configuration = ServerConfiguration(
        host: options.host, port: options.port, maxConnections: options.maxConnections,
        maxConnectionsPerClient: options.maxConnectionsPerClient, limits: limits,
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
