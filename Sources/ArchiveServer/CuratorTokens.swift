import Support

/// The curators allowed to write: `ARCHIVE_ADMIN_TOKEN` (curator `admin`) and the lines of
/// `--admin-token-file` (`name token`, `#` comments, blank lines ignored).
enum CuratorTokens {
    /// A token file or value that cannot be used; the server refuses to start.
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    static let minimumTokenLength = 16

    static func load(_ options: CommandLineOptions) throws -> [(name: String, token: String)] {
        var curators: [(name: String, token: String)] = []
        if let token = options.adminToken {
            try checkLength(token, of: "admin", in: "ARCHIVE_ADMIN_TOKEN")
            curators.append(("admin", token))
        }
        if let path = options.adminTokenFile {
            if let mode = Files.permissions(path), mode & 0o077 != 0 {
                throw Refused(description: "\(path) is readable or writable by others than its owner (mode \(String(mode, radix: 8))): chmod 600 \(path)")
            }
            let text = String(decoding: try Files.read(path), as: UTF8.self)
            for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.trimmingCharacters(in: " \t\r")
                if line.isEmpty || line.hasPrefix("#") { continue }
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard fields.count == 2 else {
                    throw Refused(description: "\(path):\(number + 1): expected 'name token', found \(fields.count) field(s)")
                }
                guard !curators.contains(where: { $0.name == fields[0] }) else {
                    throw Refused(description: "\(path):\(number + 1): curator '\(fields[0])' is named twice")
                }
                try checkLength(fields[1], of: fields[0], in: "\(path):\(number + 1)")
                curators.append((fields[0], fields[1]))
            }
        }
        return curators
    }

    private static func checkLength(_ token: String, of name: String, in place: String) throws {
        guard token.utf8.count >= minimumTokenLength else {
            throw Refused(description: "\(place): the token of '\(name)' is shorter than \(minimumTokenLength) characters")
        }
    }
}
