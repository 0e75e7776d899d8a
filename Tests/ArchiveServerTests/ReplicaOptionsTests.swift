import Testing
@testable import ArchiveServer
import Server

@Suite struct ReplicaOptionsTests {
    func parse(_ arguments: [String], _ environment: [String: String] = [:]) throws(CommandLineOptions.UsageError) -> CommandLineOptions {
        try CommandLineOptions.parse(arguments, environment: environment)
    }

    @Test func follow_TakesThePrimarysAddress_AndNeedsTheReplicationToken() throws {
        let options = try parse(["--follow", "http://10.0.0.5:8080/", "--replication-token", "t", "--max-lag", "3"])
        #expect(options.followURL == "http://10.0.0.5:8080")
        #expect(options.replicationToken == "t")
        #expect(options.maxLagSeconds == 3)
        let fromEnvironment = try parse([], ["ARCHIVE_FOLLOW": "http://primary:8080", "ARCHIVE_REPLICATION_TOKEN": "t", "ARCHIVE_MAX_LAG": "7"])
        #expect(fromEnvironment.followURL == "http://primary:8080")
        #expect(fromEnvironment.maxLagSeconds == 7)
        #expect(try parse(["--follow", "http://[::1]:9000", "--replication-token=t"]).followURL == "http://[::1]:9000")
        #expect(try parse([]).maxLagSeconds == 10)
    }

    @Test func follow_RefusesWhatCannotWork() {
        for arguments in [
            ["--follow", "http://primary:8080"],                                          // no token
            ["--follow", "https://primary:8080", "--replication-token", "t"],             // not plain http
            ["--follow", "http://primary:8080/v1", "--replication-token", "t"],           // a path
            ["--follow", "http://primary:99999", "--replication-token", "t"],             // no such port
            ["--follow", "http://primary:8080", "--replication-token", "t", "--read-only"],
            ["check", "--follow", "http://primary:8080", "--replication-token", "t"],
            ["--ready"],
            ["--max-lag", "0"],
        ] {
            #expect(throws: CommandLineOptions.UsageError.self, "\(arguments)") { _ = try parse(arguments) }
        }
    }

    @Test func healthcheckReady_AsksReadyz() throws {
        #expect(try parse(["healthcheck", "--ready"]).healthcheckReady)
        #expect(try !parse(["healthcheck"]).healthcheckReady)
        // A replica's container has ARCHIVE_FOLLOW set for serve; its healthcheck must still parse.
        #expect(try parse(["healthcheck", "--ready"], ["ARCHIVE_FOLLOW": "http://primary:8080"]).command == .healthcheck)
    }

    @Test func theUsage_NamesTheReplicationOptions() {
        for flag in ["--follow URL", "--replication-token T", "--max-lag SECONDS", "ARCHIVE_REPLICATION_TOKEN", "--ready"] {
            #expect(CommandLineOptions.usage.contains(flag), "\(flag)")
        }
    }
}
