import API
import Server
import Store
import Support

/// Writes one line to standard error.
func printError(_ message: String) {
    SystemFiles.writeAll(2, Array((message + "\n").utf8))
}

/// A readable sentence for an error, with every problem of a refused import on its own line.
func describe(_ error: any Error) -> String {
    if let validation = error as? ValidationError {
        return "refused: \(validation.problems.count) problem(s)\n" + validation.problems.map { "  \($0)" }.joined(separator: "\n")
    }
    return String(describing: error)
}

func readFile(_ path: String) throws -> [UInt8] {
    try Files.read(path)
}

func runImport(path: String, replace: Bool, options: CommandLineOptions) throws {
    // A file is read as a stream (bounded memory); standard input, or a path that cannot be
    // opened, goes the old way, which also words the error.
    func whole() throws -> Int { try Archive.importArchive(try readFile(path), intoDatabaseAt: options.databasePath, replace: replace) }
    var revision: Int
    do {
        revision = path == "-" ? try whole() : try Archive.importArchive(fileAt: path, intoDatabaseAt: options.databasePath, replace: replace)
    } catch is UnreadableArchiveFile {
        revision = try whole()
    }
    printError("archive-server: imported \(path) into \(options.databasePath) (revision \(revision))")
}

func runExport(output: String?, options: CommandLineOptions) throws {
    let archive = try Archive.open(path: options.databasePath, mode: .readOnly, readerCount: 1)
    defer { archive.close() }
    if let output {
        var bytes: [UInt8] = []
        try archive.export { bytes.append(contentsOf: $0) }
        try SystemFiles.write(bytes, to: output)
    } else {
        try archive.export { chunk in
            if !SystemFiles.writeAll(1, chunk) { throw StoreError.notFound("could not write to standard output") }
        }
    }
}

func runCheck(options: CommandLineOptions) throws -> Int32 {
    let archive = try Archive.open(path: options.databasePath, mode: .readOnly, readerCount: 1)
    defer { archive.close() }
    var count = 0
    try archive.check { problem in
        print(problem)
        count += 1
    }
    if count == 0 {
        print("ok: \(options.databasePath) passed the integrity, foreign-key and archive checks")
        return 0
    }
    printError("archive-server: check found \(count) problem(s)")
    return 1
}

func runBackup(destination: String, options: CommandLineOptions) throws {
    let archive = try Archive.open(path: options.databasePath, mode: .readOnly, readerCount: 1)
    defer { archive.close() }
    try archive.backup(to: destination)
    printError("archive-server: backed up \(options.databasePath) to \(destination)")
}
