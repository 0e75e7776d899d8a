import Foundation
import Glibc
import Testing
import TestSupport

/// The signal path of the real binary: SIGTERM closes the listener at once, the request in
/// flight is still answered, and the process exits 0.
@Suite(.serialized) struct SignalDrainLiveTests {
    /// The `archive-server` that `swift test` built next to the test bundle.
    private var binaryPath: String? {
        guard let bundle = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let path = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("archive-server").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Reads standard error until the "listening on" line and returns its port.
    private func listeningPort(_ errors: FileHandle) -> Int? {
        var text = ""
        while true {
            let chunk = errors.availableData
            if chunk.isEmpty { return nil }
            text += String(decoding: chunk, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening on http://127.0.0.1:") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return port
            }
        }
    }

    @Test func sigterm_RefusesNewConnectionsAtOnce_AnswersTheRequestInFlight_AndExitsZero() throws {
        let binary = try #require(binaryPath, "archive-server is not built next to the test bundle")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archive-drain-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--db", directory.appendingPathComponent("archive.sqlite").path,
                             "--host", "127.0.0.1", "--port", "0", "--log-format", "text"]
        process.environment = ["PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let port = try #require(listeningPort(errors.fileHandleForReading))

        do {
            let inFlight = RawClient(port: port, timeoutMilliseconds: 5000)
            // A first answer proves the server accepted this connection: one still in the listen
            // backlog at SIGTERM is reset with the listener, as nginx's would be.
            inFlight.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try #require(inFlight.readResponse()).status == 200)
            inFlight.send("GET /v1/export HTTP/1.1\r\nHost: t\r\n")  // the head is not finished yet
            let idle = RawClient(port: port, timeoutMilliseconds: 5000)
            process.terminate()  // SIGTERM

            var refused = false
            for _ in 0..<500 where !refused {  // until the signal is handled, connects are accepted then closed
                refused = LoopbackSocket.isRefused(port: port)
                if !refused { usleep(10_000) }
            }
            #expect(refused, "a new connection was still accepted after SIGTERM")
            #expect(process.isRunning, "the server exited before answering the request in flight")
            #expect(idle.isClosedByPeer())

            inFlight.send("\r\n")
            let response = try #require(inFlight.readResponse())  // chunked to its last chunk: complete
            #expect(response.status == 200 && response.header("Connection") == "close")
            #expect(response.text.hasPrefix("{") && response.body.count > 1000)
        }  // the clients close here, so the server's lingering close ends at once
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
