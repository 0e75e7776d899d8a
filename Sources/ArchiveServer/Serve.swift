import Server
import Store

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
    settings.adminToken = try adminToken(options)
    let archive = try Archive.open(path: options.databasePath, readerCount: 8)
    defer { archive.close() }
    let api = try ArchiveAPI(archive: archive, settings: settings)
    let configuration = ServerConfiguration(
        host: options.host, port: options.port, maxConnections: options.maxConnections,
        maxConnectionsPerClient: options.maxConnectionsPerClient,
        logFormat: ServerConfiguration.LogFormat(rawValue: options.logFormat) ?? .text)
    let server = HTTPServer(configuration: configuration, responder: api.makeResponder())
    try server.start()
    server.runUntilSignalled()
}

/// The curators' token: from the file named by --admin-token-file, else ARCHIVE_ADMIN_TOKEN.
func adminToken(_ options: CommandLineOptions) throws -> String? {
    if let path = options.adminTokenFile {
        let text = String(decoding: try readFile(path), as: UTF8.self)
        let token = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard token.utf8.count >= 16 else { throw StoreError.notFound("the admin token in \(path) is shorter than 16 characters") }
        return token
    }
    return options.adminToken
}
