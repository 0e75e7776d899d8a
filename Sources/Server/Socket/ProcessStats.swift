import Glibc
import Support

/// Process figures from `/proc/self` (Linux), read when scraped; nil members are left out.
public struct ProcessStats: Sendable {
    public var residentBytes: Int?
    public var virtualBytes: Int?
    public var cpuSeconds: String?
    public var openDescriptors: Int?
    public var maxDescriptors: Int?

    /// When the process started, in seconds since the epoch (`/proc/self/stat` and the boot time).
    public static let startTimeSeconds: String? = {
        guard let fields = statFields(), fields.count > 19, let startTicks = Int(fields[19]),
              let stat = try? Files.read("/proc/stat") else { return nil }
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        guard ticks > 0 else { return nil }
        let bootLine = String(decoding: stat, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("btime ") }
        guard let bootTime = bootLine.flatMap({ Int($0.dropFirst(6).trimmingPrefix(" ")) }) else { return nil }
        let milliseconds = bootTime * 1000 + startTicks * 1000 / ticks
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - String(milliseconds % 1000).count))\(milliseconds % 1000)"
    }()

    /// The figures now.
    public static func read() -> ProcessStats {
        var stats = ProcessStats()
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        if let statm = try? Files.read("/proc/self/statm") {
            let fields = String(decoding: statm, as: UTF8.self).split(separator: " ")
            if fields.count > 1, let size = Int(fields[0]), let resident = Int(fields[1]) {
                stats.virtualBytes = size * pageSize
                stats.residentBytes = resident * pageSize
            }
        }
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        if let fields = statFields(), fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]), ticks > 0 {
            let hundredths = (user + system) * 100 / ticks
            stats.cpuSeconds = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        }
        if let directory = opendir("/proc/self/fd") {
            var count = 0
            while let entry = readdir(directory) {
                let isDot = withUnsafeBytes(of: entry.pointee.d_name) { $0.first == UInt8(ascii: ".") }
                if !isDot { count += 1 }
            }
            closedir(directory)
            stats.openDescriptors = count - 1  // the directory stream's own descriptor
        }
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max, limit.rlim_cur <= rlim_t(Int.max) {
            stats.maxDescriptors = Int(limit.rlim_cur)
        }
        return stats
    }

    /// The fields of `/proc/self/stat` after the command name: index 0 is field 3 (state).
    private static func statFields() -> [Substring]? {
        guard let bytes = try? Files.read("/proc/self/stat") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }
}
