/// `archive-server SUBCOMMAND --help` (and `archive-server help SUBCOMMAND`): that command's
/// usage, what it does and only the options it reads, cut from ``CommandLineOptions/usage`` so
/// the two cannot drift apart.
enum SubcommandHelp {
    /// The options each command reads, in the order the usage lists them.
    static let options: [String: [String]] = [
        "serve": ["--host", "--port", "--db", "--read-only", "--allow-empty", "--admin-token-file", "--cors-origins", "--log-format",
                  "--max-connections", "--max-connections-per-client", "--cache-control", "--require-if-match",
                  "--max-body-bytes", "--max-db-bytes", "--replication-token", "--follow", "--max-lag", "--cache-bytes", "--mmap-bytes"],
        "import": ["--db"],
        "export": ["--db"],
        "check": ["--db"],
        "backup": ["--db"],
        "healthcheck": ["--host", "--port"],
    ]

    /// Options that belong to one command and so are described only in its help.
    static let ownOptions: [String: [String]] = [
        "import": ["  --replace                 replace an archive that is already in the database"],
        "export": ["  -o, --output FILE         write to FILE instead of standard output"],
        "healthcheck": ["  --ready                   ask GET /readyz (a replica's lag counts) instead of GET /healthz"],
    ]

    static var commands: [String] { options.keys.sorted() }

    /// The help of `command`, or nil when it is not a command.
    static func text(for command: String) -> String? {
        guard let names = options[command], let entry = block(named: command, in: section("Commands:")) else { return nil }
        var words = entry[0].split(separator: " ", omittingEmptySubsequences: true).dropFirst()
        // `import FILE` and `backup DEST`: an upper-case argument precedes the sentence.
        var argument = ""
        if let word = words.first, word.count > 1, word == word.uppercased() {
            argument = " " + word
            words = words.dropFirst()
        }
        var lines = ["Usage: archive-server \(command)\(argument) [OPTIONS]", "", "  " + words.joined(separator: " ")]
        lines += entry.dropFirst().map { "  " + $0.drop { $0 == " " } }
        lines += ["", "Options (environment variable in brackets):"]
        let optionSection = section("Options (environment variable in brackets):")
        for name in names { lines += block(named: name, in: optionSection) ?? [] }
        lines += ownOptions[command] ?? []
        lines.append("  -h, --help                show this help")
        return lines.joined(separator: "\n")
    }

    /// The lines of the usage between `title` and the next blank line.
    static func section(_ title: String) -> [String] {
        let lines = CommandLineOptions.usage.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: title) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    /// The entry for `name` in a section: its first line (two spaces, then the name) and the
    /// more deeply indented lines that continue it.
    static func block(named name: String, in section: [String]) -> [String]? {
        guard let start = section.firstIndex(where: { $0.hasPrefix("  " + name + " ") || $0 == "  " + name }) else { return nil }
        var lines = [section[start]]
        for line in section[(start + 1)...] {
            guard line.hasPrefix("    ") else { break }
            lines.append(line)
        }
        return lines
    }
}
