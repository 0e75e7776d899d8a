import FoundationEssentials
import Glibc
@testable import API
@testable import Server
import Store
import Support
import Testing
import TestSupport

/// Downloads whose clients stop reading hold neither a database reader nor (up to the stream
/// buffer) a worker: every other request is still answered while they stall.
@Suite struct SlowDownloadLiveTests {
    /// A server of its own with 4 readers, socket send buffers far smaller than its downloads, and
    /// a send timeout that outlasts the test, so stalled downloads stay open until read.
    final class Server: @unchecked Sendable {
        let port: Int
        let server: HTTPServer
        let archive: Archive
        let directory: String

        init(workers: Int, streamBufferBytes: Int) throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("archive-slow-tests-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            archive = try Archive.open(path: directory + "/archive.sqlite", readerCount: 4)
            let api = try ArchiveAPI(archive: archive, settings: APISettings())
            var limits = HTTPLimits()
            limits.sendTimeout = 120_000
            limits.streamBufferBytes = streamBufferBytes
            limits.socketSendBufferBytes = 4096
            server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, workerCount: workers, limits: limits, logFormat: .none),
                                responder: api.makeResponder(logFormat: .none))
            port = try server.start()
        }

        deinit {
            server.stop(drain: false)
            archive.close()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func get(_ target: String) -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
    }

    /// 4 workers: bodies under the stream buffer leave the worker at once. 24 workers and no
    /// stream buffer: each stalled download blocks a worker, but not a reader (of 4), so the
    /// other 8 workers still answer.
    @Test(arguments: [(4, 8 << 20), (24, 0)])
    func sixteenDownloadsThatNeverRead_LeaveEveryOtherRequestAnswered(workers: Int, streamBufferBytes: Int) throws {
        let server = try Server(workers: workers, streamBufferBytes: streamBufferBytes)
        let downloads = ["/v1/export", "/v1/events?format=geojson", "/v1/sources?format=ndjson"]
        // What each download gives a client that reads.
        var expected: [String: [UInt8]] = [:]
        for target in downloads {
            let client = RawClient(port: server.port, timeoutMilliseconds: 60_000)
            client.send(Self.get(target))
            expected[target] = try #require(client.readResponse()).body
            #expect(expected[target]!.count > 25_000, "\(target) is small enough to fit the socket buffers")
        }
        // Sixteen downloads with a tiny receive window, none of them read yet: more than the
        // server's readers, and (in the first case) its workers.
        let stalled = (0..<16).map { index in
            let client = RawClient(port: server.port, timeoutMilliseconds: 60_000, receiveBufferBytes: 1024)
            let target = downloads[index % downloads.count]
            client.send(Self.get(target))
            return (client, target)
        }
        // Every ordinary request is answered meanwhile (each with a query of its own, so from the database).
        for limit in 1...24 {
            let client = RawClient(port: server.port, timeoutMilliseconds: 30_000)
            let target = ["/v1/documents?limit=\(limit)", "/v1/search?q=deportation&limit=\(limit)", "/v1/timeline?limit=\(limit)"][limit % 3]
            client.send(Self.get(target))
            let response = try #require(client.readResponse(), "\(target) was not answered while the downloads stalled")
            #expect(response.status == 200)
        }
        // The stalled downloads were kept, and give the whole body once read.
        for (client, target) in stalled {
            let response = try #require(client.readResponse(), "\(target) was dropped")
            #expect(response.status == 200)
            #expect(response.body == expected[target], "\(target) differs from an unstalled download")
        }
    }
}
