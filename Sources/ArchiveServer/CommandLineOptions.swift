import API
import Server
import Store
import Support

/// What `archive-server` was asked to do, from its arguments and `ARCHIVE_*` variables
/// (a flag wins over a variable; a variable over the default).
public struct CommandLineOptions: Sendable, Equatable {
    public enum Command: Sendable, Equatable {
        case serve
        case importFile(path: String, replace: Bool)
        case export(output: String?)
        case check
        case backup(destination: String)
        case healthcheck
        case help
        case version
    }

    public var command: Command = .serve
    /// With ``Command/help``: the command whose own help was asked for (`import --help`), if any.
    public var helpTopic: String?
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = "archive.sqlite"
    public var readOnly = false
    /// Serve a database that holds no archive (no items) instead of refusing to start.
    public var allowEmpty = false
    public var adminToken: String?
    public var adminTokenFile: String?
    public var corsOrigins: [String] = []
    public var logFormat = "text"
    public var maxConnections = 1024
    /// Nil: ``ServerConfiguration/defaultMaxConnectionsPerClient(maxConnections:)``.
    public var maxConnectionsPerClient: Int?
    public var cacheControl = "public, max-age=60"
    public var requireIfMatch = false
    /// The largest request body a write may send (413 over it).
    public var maxBodyBytes = 1 << 20
    /// A cap on the database file's size (SQLite's `max_page_count`); nil: the disk is the limit.
    public var maxDatabaseBytes: Int?
    /// Replication (docs/deploy.md): the token of `/v1/replication/…`, on the primary and its replicas.
    public var replicationToken: String?
    /// `serve --follow URL`: a read-only replica of the primary at URL.
    public var followURL: String?
    /// A replica more than this many seconds behind its primary is not ready.
    public var maxLagSeconds = 10
    /// `healthcheck --ready`: ask `/readyz` (a replica's lag counts) instead of `/healthz`.
    public var healthcheckReady = false
    /// The response cache's size (issue 11); 0 turns it off.
    public var cacheBytes = 64 << 20
    /// How much of the database file each reader maps instead of reading it page by page; 0: none.
    /// Off by default: every write makes each reader drop its whole map (docs/scale.md).
    public var mmapBytes = 0

    /// A bad flag or value: the one line printed before the usage (exit status 2).
    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static let usage = """
        Usage: archive-server [COMMAND] [OPTIONS]

        Commands:
          serve               serve the archive over HTTP (the default); creates --db from the embedded archive
                              only where nothing exists; refuses a database with no archive unless --allow-empty
          import FILE         import an archive file (the export format) into the database, created if missing;
                              refused whole, writing nothing, if anything in it is wrong; --replace to replace a non-empty archive
          export              write the whole archive in the import format to standard output (or --output FILE)
          check               check the database: integrity, foreign keys, references, dates, sources, renderings;
                              validates its export from an unnamed temporary file in $TMPDIR (/tmp), removed at the end
          backup DEST         write a consistent copy of the database to DEST
                              (check, export and backup only read: the database must exist, read-only media work)
          healthcheck         exit 0 when the server on --host/--port answers GET /healthz (--ready: GET /readyz)

        Options (environment variable in brackets):
          --host HOST               address to listen on, IPv4 or IPv6 literal [ARCHIVE_HOST] (127.0.0.1)
          --port PORT               TCP port, 0 picks a free one [ARCHIVE_PORT] (8080)
          --db PATH                 database file [ARCHIVE_DB] (archive.sqlite)
          --read-only               refuse every write; the database must exist and may be on read-only media [ARCHIVE_READ_ONLY=1]
          --allow-empty             serve a database that holds no archive (no items) [ARCHIVE_ALLOW_EMPTY=1]
          --admin-token-file PATH   curators' tokens, one "name token" a line (# comments); the file must not be
                                    readable by group or others [ARCHIVE_ADMIN_TOKEN_FILE]; ARCHIVE_ADMIN_TOKEN=T adds
                                    curator "admin" with token T. Without any token the archive is read-only (403)
          --cors-origins LIST       comma-separated origins allowed to write from browsers [ARCHIVE_CORS_ORIGINS]
          --log-format FORMAT       access log on standard error: text, json or none [ARCHIVE_LOG_FORMAT] (text)
          --max-connections N       open connections; at N the oldest idle one is closed for a new one,
                                    with none idle the new one gets 503 [ARCHIVE_MAX_CONNECTIONS] (1024)
          --max-connections-per-client N
                                    open connections from one address (IPv6: one /64); one more gets 503;
                                    raise it for a room behind one NAT address
                                    [ARCHIVE_MAX_CONNECTIONS_PER_CLIENT] (max(16, N/8), 128 for 1024)
          --cache-control VALUE     Cache-Control of successful GETs [ARCHIVE_CACHE_CONTROL] (public, max-age=60)
          --require-if-match        PUT, PATCH and DELETE without If-Match get 428 [ARCHIVE_REQUIRE_IF_MATCH=1]
          --max-body-bytes N        largest request body (K, M, G suffixes), 413 over it [ARCHIVE_MAX_BODY_BYTES] (1M)
          --max-db-bytes N          cap on the database's size; writes over it get 507 [ARCHIVE_MAX_DB_BYTES] (none)
          --replication-token T     token of GET /v1/replication/* (snapshot, changes), on the primary and on
                                    replicas [ARCHIVE_REPLICATION_TOKEN] (none: replication off)
          --follow URL              serve as a read-only replica of the primary at URL (http://HOST:PORT): with no
                                    database, start from its snapshot, then apply its changes [ARCHIVE_FOLLOW]
          --max-lag SECONDS         a replica further behind is not ready (/readyz 503) [ARCHIVE_MAX_LAG] (10)
          --cache-bytes N           size of the in-memory response cache (K, M, G suffixes), 0 turns it off
                                    [ARCHIVE_CACHE_BYTES] (64M)
          --mmap-bytes N            how much of the database file readers map into memory instead of reading
                                    it page by page (K, M, G suffixes; SQLite caps it, at 2G here): faster
                                    reads of an archive nobody writes, but each write makes every reader
                                    map it anew [ARCHIVE_MMAP_BYTES] (0: off)
          -h, --help                show this help
          --version                 show the version
        """

    public init() {}

    /// Parses `arguments` (without the program name) over `environment`.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        try options.apply(environment: environment)
        var positional: [String] = []
        var replace = false
        var followFlag = false
        var output: String?
        var index = 0
        func value(for flag: String, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw UsageError(message: "option \(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            var flag = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch flag {
            case "-h", "--help":
                options.command = .help
                options.helpTopic = arguments.first { SubcommandHelp.options[$0] != nil }
                return options
            case "--version": options.command = .version; return options
            case "--host": options.host = try parseHost(try value(for: flag, inline: inline), flag: flag)
            case "--port": options.port = try parsePort(try value(for: flag, inline: inline), flag: flag)
            case "--db": options.databasePath = try nonEmpty(try value(for: flag, inline: inline), flag: flag)
            case "--read-only": options.readOnly = try parseFlagValue(inline, flag: flag)
            case "--allow-empty": options.allowEmpty = try parseFlagValue(inline, flag: flag)
            case "--admin-token-file": options.adminTokenFile = try nonEmpty(try value(for: flag, inline: inline), flag: flag)
            case "--cors-origins": options.corsOrigins = try parseOrigins(try value(for: flag, inline: inline), flag: flag)
            case "--log-format": options.logFormat = try parseLogFormat(try value(for: flag, inline: inline), flag: flag)
            case "--max-connections": options.maxConnections = try parseCount(try value(for: flag, inline: inline), flag: flag)
            case "--max-connections-per-client":
                options.maxConnectionsPerClient = try parseCount(try value(for: flag, inline: inline), flag: flag)
            case "--cache-control": options.cacheControl = try parseHeaderValue(try value(for: flag, inline: inline), flag: flag)
            case "--require-if-match": options.requireIfMatch = try parseFlagValue(inline, flag: flag)
            case "--max-body-bytes": options.maxBodyBytes = try parseBytes(try value(for: flag, inline: inline), flag: flag)
            case "--max-db-bytes": options.maxDatabaseBytes = try parseBytes(try value(for: flag, inline: inline), flag: flag)
            case "--replication-token": options.replicationToken = try nonEmpty(try value(for: flag, inline: inline), flag: flag)
            case "--follow":
                options.followURL = try parseFollow(try value(for: flag, inline: inline), flag: flag)
                followFlag = true
            case "--ready": options.healthcheckReady = try parseFlagValue(inline, flag: flag)
            case "--max-lag": options.maxLagSeconds = try parseCount(try value(for: flag, inline: inline), flag: flag)
            case "--cache-bytes": options.cacheBytes = try parseBytesOrOff(try value(for: flag, inline: inline), flag: flag)
            case "--mmap-bytes": options.mmapBytes = try parseBytesOrOff(try value(for: flag, inline: inline), flag: flag)
            case "--replace": replace = try parseFlagValue(inline, flag: flag)
            case "--output", "-o": output = try nonEmpty(try value(for: flag, inline: inline), flag: flag)
            default:
                if argument.hasPrefix("-") && argument != "-" { throw UsageError(message: "unknown option \(argument)") }
                positional.append(argument)
            }
            index += 1
        }
        options.command = try command(from: positional, replace: replace, output: output)
        if options.command == .help, let topic = positional.dropFirst().first {
            guard SubcommandHelp.options[topic] != nil else { throw UsageError(message: "unknown command \(topic)") }
            options.helpTopic = topic
        }
        if options.healthcheckReady && options.command != .healthcheck { throw UsageError(message: "--ready applies to healthcheck only") }
        if followFlag && options.command != .serve { throw UsageError(message: "--follow applies to serve only") }
        // ARCHIVE_FOLLOW in a replica's environment is for serve; its healthcheck ignores it.
        if options.followURL != nil && options.command == .serve {
            guard !options.readOnly else { throw UsageError(message: "--follow and --read-only: a replica is read-only already (and writes its own database)") }
            guard options.replicationToken != nil else { throw UsageError(message: "--follow needs --replication-token (or ARCHIVE_REPLICATION_TOKEN): the primary's") }
        }
        return options
    }

    private static func command(from positional: [String], replace: Bool, output: String?) throws(UsageError) -> Command {
        let name = positional.first ?? "serve"
        let rest = Array(positional.dropFirst())
        func expect(_ count: Int, _ what: String) throws(UsageError) {
            if rest.count < count { throw UsageError(message: "\(name) needs \(what)") }
            if rest.count > count { throw UsageError(message: "unexpected argument \(rest[count])") }
        }
        if replace && name != "import" { throw UsageError(message: "--replace applies to import only") }
        if output != nil && name != "export" { throw UsageError(message: "--output applies to export only") }
        switch name {
        case "serve": try expect(0, ""); return .serve
        case "import": try expect(1, "a FILE to import"); return .importFile(path: rest[0], replace: replace)
        case "export": try expect(0, ""); return .export(output: output)
        case "check": try expect(0, ""); return .check
        case "backup": try expect(1, "a DEST file"); return .backup(destination: rest[0])
        case "healthcheck": try expect(0, ""); return .healthcheck
        case "help": return .help
        default: throw UsageError(message: "unknown command \(name)")
        }
    }

    private mutating func apply(environment: [String: String]) throws(UsageError) {
        func variable(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if let value = variable("ARCHIVE_HOST") { host = try Self.parseHost(value, flag: "ARCHIVE_HOST") }
        if let value = variable("ARCHIVE_PORT") { port = try Self.parsePort(value, flag: "ARCHIVE_PORT") }
        if let value = variable("ARCHIVE_DB") { databasePath = value }
        if let value = variable("ARCHIVE_READ_ONLY") { readOnly = try Self.parseBoolean(value, flag: "ARCHIVE_READ_ONLY") }
        if let value = variable("ARCHIVE_ALLOW_EMPTY") { allowEmpty = try Self.parseBoolean(value, flag: "ARCHIVE_ALLOW_EMPTY") }
        if let value = variable("ARCHIVE_ADMIN_TOKEN") { adminToken = value }
        if let value = variable("ARCHIVE_ADMIN_TOKEN_FILE") { adminTokenFile = value }
        if let value = variable("ARCHIVE_CORS_ORIGINS") { corsOrigins = try Self.parseOrigins(value, flag: "ARCHIVE_CORS_ORIGINS") }
        if let value = variable("ARCHIVE_LOG_FORMAT") { logFormat = try Self.parseLogFormat(value, flag: "ARCHIVE_LOG_FORMAT") }
        if let value = variable("ARCHIVE_MAX_CONNECTIONS") { maxConnections = try Self.parseCount(value, flag: "ARCHIVE_MAX_CONNECTIONS") }
        if let value = variable("ARCHIVE_MAX_CONNECTIONS_PER_CLIENT") {
            maxConnectionsPerClient = try Self.parseCount(value, flag: "ARCHIVE_MAX_CONNECTIONS_PER_CLIENT")
        }
        if let value = variable("ARCHIVE_CACHE_CONTROL") { cacheControl = try Self.parseHeaderValue(value, flag: "ARCHIVE_CACHE_CONTROL") }
        if let value = variable("ARCHIVE_REQUIRE_IF_MATCH") { requireIfMatch = try Self.parseBoolean(value, flag: "ARCHIVE_REQUIRE_IF_MATCH") }
        if let value = variable("ARCHIVE_MAX_BODY_BYTES") { maxBodyBytes = try Self.parseBytes(value, flag: "ARCHIVE_MAX_BODY_BYTES") }
        if let value = variable("ARCHIVE_MAX_DB_BYTES") { maxDatabaseBytes = try Self.parseBytes(value, flag: "ARCHIVE_MAX_DB_BYTES") }
        if let value = variable("ARCHIVE_REPLICATION_TOKEN") { replicationToken = value }
        if let value = variable("ARCHIVE_FOLLOW") { followURL = try Self.parseFollow(value, flag: "ARCHIVE_FOLLOW") }
        if let value = variable("ARCHIVE_MAX_LAG") { maxLagSeconds = try Self.parseCount(value, flag: "ARCHIVE_MAX_LAG") }
        if let value = variable("ARCHIVE_CACHE_BYTES") { cacheBytes = try Self.parseBytesOrOff(value, flag: "ARCHIVE_CACHE_BYTES") }
        if let value = variable("ARCHIVE_MMAP_BYTES") { mmapBytes = try Self.parseBytesOrOff(value, flag: "ARCHIVE_MMAP_BYTES") }
    }

    static func nonEmpty(_ value: String, flag: String) throws(UsageError) -> String {
        guard !value.isEmpty else { throw UsageError(message: "\(flag) must not be empty") }
        return value
    }

    static func parsePort(_ value: String, flag: String) throws(UsageError) -> Int {
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.count <= 5, let port = Int(value), port <= 65535 else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a port number (0-65535)")
        }
        return port
    }

    /// A size in bytes: digits, optionally followed by K, M or G (powers of 1024).
    static func parseBytes(_ value: String, flag: String) throws(UsageError) -> Int {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let unit = value.last.flatMap { units[Character($0.uppercased())] } ?? 1
        let digits = unit == 1 ? value : String(value.dropLast())
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.count <= 12,
              let number = Int(digits), number >= 1, number <= (1 << 40) / unit else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a size in bytes (such as 1048576, 512K, 1M)")
        }
        return number * unit
    }

    /// A size in bytes, or 0 for a feature turned off (`--cache-bytes`, `--mmap-bytes`).
    static func parseBytesOrOff(_ value: String, flag: String) throws(UsageError) -> Int {
        value == "0" ? 0 : try parseBytes(value, flag: flag)
    }

    static func parseCount(_ value: String, flag: String) throws(UsageError) -> Int {
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.count <= 7, let count = Int(value), count >= 1 else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a positive number")
        }
        return count
    }

    static func parseFollow(_ value: String, flag: String) throws(UsageError) -> String {
        guard let endpoint = HTTPClient.Endpoint(url: value) else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a primary's address such as http://10.0.0.5:8080")
        }
        return endpoint.description
    }

    static func parseHost(_ value: String, flag: String) throws(UsageError) -> String {
        var host = value
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }) else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a host address")
        }
        return host
    }

    static func parseLogFormat(_ value: String, flag: String) throws(UsageError) -> String {
        guard ["text", "json", "none"].contains(value) else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a log format (text, json or none)")
        }
        return value
    }

    static func parseOrigins(_ value: String, flag: String) throws(UsageError) -> [String] {
        let origins = value.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        for origin in origins where origin != "*" && !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
            throw UsageError(message: "\(flag): \(origin.debugDescription) is not an origin such as https://example.org")
        }
        return origins
    }

    static func parseHeaderValue(_ value: String, flag: String) throws(UsageError) -> String {
        guard !value.isEmpty, value.utf8.allSatisfy({ ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }) else {
            throw UsageError(message: "\(flag): \(value.debugDescription) is not a valid header value")
        }
        return value
    }

    static func parseBoolean(_ value: String, flag: String) throws(UsageError) -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw UsageError(message: "\(flag): \(value.debugDescription) is not a boolean (true or false)")
        }
    }

    static func parseFlagValue(_ inline: String?, flag: String) throws(UsageError) -> Bool {
        guard let inline else { return true }
        return try parseBoolean(inline, flag: flag)
    }
}
