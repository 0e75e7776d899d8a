#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Server
import Store

/// Writes one line to standard error.
func printError(_ message: String) {
    _ = writeAll(2, Array((message + "\n").utf8))
}

/// Writes every byte to the file descriptor, retrying short writes and EINTR.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}

/// A readable sentence for an error, with every problem of a refused import on its own line.
func describe(_ error: any Error) -> String {
    if let validation = error as? ValidationError {
        return "refused: \(validation.problems.count) problem(s)\n" + validation.problems.map { "  \($0)" }.joined(separator: "\n")
    }
    return String(describing: error)
}

func readFile(_ path: String) throws -> [UInt8] {
    if path == "-" {
        var bytes: [UInt8] = []
        while let line = readLine(strippingNewline: false) { bytes.append(contentsOf: line.utf8) }
        return bytes
    }
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func runImport(path: String, replace: Bool, options: CommandLineOptions) throws {
    let bytes = try readFile(path)
    let archive = try Archive.open(path: options.databasePath, readerCount: 1, seedWithEmbeddedArchive: false)
    defer { archive.close() }
    try archive.importArchive(bytes, replace: replace)
    printError("archive-server: imported \(path) into \(options.databasePath) (revision \(try archive.revision()))")
}

func runExport(output: String?, options: CommandLineOptions) throws {
    let archive = try Archive.open(path: options.databasePath, readerCount: 1)
    defer { archive.close() }
    if let output {
        var bytes: [UInt8] = []
        try archive.export { bytes.append(contentsOf: $0) }
        try Data(bytes).write(to: URL(fileURLWithPath: output))
    } else {
        try archive.export { chunk in
            if !writeAll(1, chunk) { throw StoreError.notFound("could not write to standard output") }
        }
    }
}

func runCheck(options: CommandLineOptions) throws -> Int32 {
    let archive = try Archive.open(path: options.databasePath, readerCount: 1)
    defer { archive.close() }
    let problems = try archive.check()
    for problem in problems { print(problem) }
    if problems.isEmpty {
        print("ok: \(options.databasePath) passed the integrity, foreign-key and archive checks")
        return 0
    }
    printError("archive-server: check found \(problems.count) problem(s)")
    return 1
}

func runBackup(destination: String, options: CommandLineOptions) throws {
    guard FileManager.default.fileExists(atPath: options.databasePath) else {
        throw StoreError.notFound("no database at \(options.databasePath)")
    }
    if FileManager.default.fileExists(atPath: destination) {
        throw StoreError.notEmpty("\(destination) already exists")
    }
    let archive = try Archive.open(path: options.databasePath, readerCount: 1)
    defer { archive.close() }
    try archive.backup(to: destination)
    printError("archive-server: backed up \(options.databasePath) to \(destination)")
}
