import Server
import Store

func runHealthcheck(options: CommandLineOptions) -> Int32 { 1 }

func runServe(options: CommandLineOptions, version: String) throws {
    let archive = try Archive.open(path: options.databasePath)
    defer { archive.close() }
    printError("archive-server: serving \(options.databasePath) is not wired yet")
}
