extension ProcessStats {
    /// The `process_*` gauges and counters.
    public func render(into text: inout String) {
        if let cpuSeconds {
            PrometheusText.counter("process_cpu_seconds_total", help: "User and system CPU time spent, in seconds.", value: cpuSeconds, into: &text)
        }
        if let residentBytes {
            PrometheusText.gauge("process_resident_memory_bytes", help: "Resident memory size in bytes.", value: "\(residentBytes)", into: &text)
        }
        if let virtualBytes {
            PrometheusText.gauge("process_virtual_memory_bytes", help: "Virtual memory size in bytes.", value: "\(virtualBytes)", into: &text)
        }
        if let openDescriptors {
            PrometheusText.gauge("process_open_fds", help: "Open file descriptors.", value: "\(openDescriptors)", into: &text)
        }
        if let maxDescriptors {
            PrometheusText.gauge("process_max_fds", help: "The limit of open file descriptors.", value: "\(maxDescriptors)", into: &text)
        }
        if let start = Self.startTimeSeconds {
            PrometheusText.gauge("process_start_time_seconds", help: "Start time of the process since the Unix epoch, in seconds.", value: start, into: &text)
        }
    }
}
