import API
import Server
import Store
import Support

/// The version printed by `--version` and served by `GET /v1`.
let archiveServerVersion = "0.1.0"

var environment: [String: String] = [:]
for (key, value) in Files.environment() where key.hasPrefix("ARCHIVE_") { environment[key] = value }

let options: CommandLineOptions
do {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: environment)
} catch {
    printError("archive-server: \(error.message)")
    printError(CommandLineOptions.usage)
    ProcessExit.now(2)
}

do {
    switch options.command {
    case .help:
        print(options.helpTopic.flatMap(SubcommandHelp.text(for:)) ?? CommandLineOptions.usage)
    case .version:
        print("archive-server \(archiveServerVersion) (SQLite \(sqliteVersion()))")
    case .importFile(let path, let replace):
        try runImport(path: path, replace: replace, options: options)
    case .export(let output):
        try runExport(output: output, options: options)
    case .check:
        ProcessExit.now(try runCheck(options: options))
    case .backup(let destination):
        try runBackup(destination: destination, options: options)
    case .healthcheck:
        ProcessExit.now(runHealthcheck(options: options))
    case .serve:
        try runServe(options: options, version: archiveServerVersion)
    }
} catch {
    printError("archive-server: \(describe(error))")
    ProcessExit.now(1)
}
