import Testing
@testable import ArchiveServer
import Server

@Suite struct CommandLineOptionsTests {
    func parse(_ arguments: [String], _ environment: [String: String] = [:]) throws(CommandLineOptions.UsageError) -> CommandLineOptions {
        try CommandLineOptions.parse(arguments, environment: environment)
    }

    @Test func noArguments_Serves_WithTheDefaults() throws {
        let options = try parse([])
        #expect(options.command == .serve)
        #expect(options.host == "127.0.0.1")
        #expect(options.port == 8080)
        #expect(options.databasePath == "archive.sqlite")
        #expect(options.logFormat == "text")
        #expect(options.maxConnections == 1024)
        #expect(options.maxConnectionsPerClient == nil)
    }

    @Test func perClientCap_ComesFromTheFlagOrTheVariable_ElseAnEighthOfTheTotal() throws {
        #expect(try parse(["--max-connections-per-client", "300"]).maxConnectionsPerClient == 300)
        #expect(try parse([], ["ARCHIVE_MAX_CONNECTIONS_PER_CLIENT": "40"]).maxConnectionsPerClient == 40)
        #expect(try parse(["--max-connections-per-client=50"], ["ARCHIVE_MAX_CONNECTIONS_PER_CLIENT": "40"]).maxConnectionsPerClient == 50)
        #expect(ServerConfiguration(maxConnections: 1024).maxConnectionsPerClient == 128)
        #expect(ServerConfiguration(maxConnections: 64).maxConnectionsPerClient == 16)
        #expect(ServerConfiguration(maxConnections: 10).maxConnectionsPerClient == 10)
        #expect(ServerConfiguration(maxConnections: 64, maxConnectionsPerClient: 64).maxConnectionsPerClient == 64)
    }

    @Test func cacheBytes_IsASize_OrZeroForOff() throws {
        #expect(try parse([]).cacheBytes == 64 << 20)
        #expect(try parse(["--cache-bytes", "0"]).cacheBytes == 0)
        #expect(try parse(["--cache-bytes=16M"]).cacheBytes == 16 << 20)
        #expect(try parse([], ["ARCHIVE_CACHE_BYTES": "512K"]).cacheBytes == 512 << 10)
        #expect(throws: CommandLineOptions.UsageError.self) { try parse(["--cache-bytes", "-1"]) }
    }

    @Test func mmapBytes_IsASize_OrZeroForOff() throws {
        #expect(try parse([]).mmapBytes == 0)
        #expect(try parse(["--mmap-bytes", "2G"]).mmapBytes == 2 << 30)
        #expect(try parse(["--mmap-bytes", "0"]).mmapBytes == 0)
        #expect(try parse([], ["ARCHIVE_MMAP_BYTES": "256M"]).mmapBytes == 256 << 20)
        #expect(throws: CommandLineOptions.UsageError.self) { try parse(["--mmap-bytes", "lots"]) }
    }

    @Test func flags_WinOverVariables_AndVariablesOverDefaults() throws {
        let environment = ["ARCHIVE_PORT": "9000", "ARCHIVE_HOST": "::1", "ARCHIVE_DB": "/data/a.sqlite", "ARCHIVE_READ_ONLY": "true"]
        let fromEnvironment = try parse([], environment)
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.host == "::1")
        #expect(fromEnvironment.databasePath == "/data/a.sqlite")
        #expect(fromEnvironment.readOnly)
        let fromFlags = try parse(["serve", "--port", "9001", "--host=[::]", "--db", "b.sqlite"], environment)
        #expect(fromFlags.port == 9001)
        #expect(fromFlags.host == "::")
        #expect(fromFlags.databasePath == "b.sqlite")
    }

    @Test func subcommands_TakeTheirArguments() throws {
        #expect(try parse(["import", "archive.json"]).command == .importFile(path: "archive.json", replace: false))
        #expect(try parse(["import", "--replace", "archive.json"]).command == .importFile(path: "archive.json", replace: true))
        #expect(try parse(["export", "--output", "out.json"]).command == .export(output: "out.json"))
        #expect(try parse(["check"]).command == .check)
        #expect(try parse(["backup", "copy.sqlite"]).command == .backup(destination: "copy.sqlite"))
        #expect(try parse(["healthcheck", "--port", "8083"]).command == .healthcheck)
        #expect(try parse(["--help"]).command == .help)
        #expect(try parse(["--version"]).command == .version)
        #expect(try parse(["--cors-origins", "https://a.example, https://b.example"]).corsOrigins == ["https://a.example", "https://b.example"])
    }

    @Test(arguments: [
        (["--bogus"], "unknown option --bogus"),
        (["--port", "99999"], "--port"),
        (["--port", "+80"], "--port"),
        (["--port"], "needs a value"),
        (["--log-format", "xml"], "--log-format"),
        (["--max-connections", "0"], "--max-connections"),
        (["--max-connections-per-client", "0"], "--max-connections-per-client"),
        (["frobnicate"], "unknown command"),
        (["import"], "import needs"),
        (["check", "extra"], "unexpected argument"),
        (["serve", "--replace"], "--replace"),
        (["--cors-origins", "example.org"], "--cors-origins"),
        (["--cache-control", "a\u{1}b"], "--cache-control"),
    ])
    func badFlagsAndValues_AreOneLineErrors(arguments: [String], expected: String) {
        #expect {
            _ = try parse(arguments)
        } throws: { error in
            let message = (error as? CommandLineOptions.UsageError)?.message ?? ""
            return message.contains(expected) && !message.contains("\n")
        }
    }

    @Test func badVariables_AreRefusedToo() {
        #expect(throws: CommandLineOptions.UsageError.self) { _ = try parse([], ["ARCHIVE_PORT": "eighty"]) }
        #expect(throws: CommandLineOptions.UsageError.self) { _ = try parse([], ["ARCHIVE_READ_ONLY": "maybe"]) }
    }

    @Test func allowEmpty_IsOff_UnlessAFlagOrVariableSaysSo() throws {
        #expect(try parse([]).allowEmpty == false)
        #expect(try parse(["serve", "--allow-empty"]).allowEmpty)
        #expect(try parse([], ["ARCHIVE_ALLOW_EMPTY": "1"]).allowEmpty)
        #expect(try parse(["--allow-empty=false"], ["ARCHIVE_ALLOW_EMPTY": "true"]).allowEmpty == false)
        #expect(throws: CommandLineOptions.UsageError.self) { _ = try parse([], ["ARCHIVE_ALLOW_EMPTY": "perhaps"]) }
        #expect(CommandLineOptions.usage.contains("--allow-empty"))
    }
}

/// `archive-server SUBCOMMAND --help`: that command's own help.
@Suite struct SubcommandHelpTests {
    static func parse(_ arguments: [String]) throws -> CommandLineOptions {
        try CommandLineOptions.parse(arguments, environment: [:])
    }

    @Test(arguments: ["serve", "import", "export", "check", "backup", "healthcheck"])
    func subcommandHelp_IsThatCommandsHelp(command: String) throws {
        for arguments in [[command, "--help"], [command, "-h"], ["help", command], ["--db", "x.sqlite", command, "--help"]] {
            let options = try Self.parse(arguments)
            #expect(options.command == .help, "\(arguments)")
            #expect(options.helpTopic == command, "\(arguments)")
        }
        let text = try #require(SubcommandHelp.text(for: command))
        #expect(text.hasPrefix("Usage: archive-server \(command)"))
        #expect(text.contains("-h, --help"))
        for option in SubcommandHelp.options[command] ?? [] {
            #expect(text.contains("  \(option) "), "\(command) --help lacks \(option)")
        }
    }

    @Test func eachHelp_ListsOnlyItsOwnOptions() throws {
        let importHelp = try #require(SubcommandHelp.text(for: "import"))
        #expect(importHelp.hasPrefix("Usage: archive-server import FILE [OPTIONS]\n\n  import an archive file"))
        #expect(importHelp.contains("--replace"))
        #expect(!importHelp.contains("--port"))
        let exportHelp = try #require(SubcommandHelp.text(for: "export"))
        #expect(exportHelp.contains("--output FILE"))
        #expect(!exportHelp.contains("--replace"))
        let healthcheck = try #require(SubcommandHelp.text(for: "healthcheck"))
        #expect(healthcheck.contains("--host") && healthcheck.contains("--port") && !healthcheck.contains("--db"))
        let serve = try #require(SubcommandHelp.text(for: "serve"))
        #expect(serve.contains("--max-connections-per-client N"))
        #expect(serve.contains("[ARCHIVE_MAX_DB_BYTES]"))
    }

    @Test func plainHelp_IsTheWholeUsage_AndAnUnknownTopicIsAUsageError() throws {
        #expect(try Self.parse(["--help"]).helpTopic == nil)
        #expect(try Self.parse(["help"]).helpTopic == nil)
        #expect(throws: CommandLineOptions.UsageError.self) { try Self.parse(["help", "nonsense"]) }
    }
}
