import FoundationEssentials
import Glibc
@testable import API
@testable import Server
import Store
import Support
import TestSupport

/// A live archive server that takes writes: the embedded archive in its own temporary database,
/// on 127.0.0.1 port 0, with the given curators and API settings. Stopped (and its files
/// removed) when released.
final class WriteTestServer: @unchecked Sendable {
    /// The token of the curator `admin` on servers made with the default curators.
    static let adminToken = "admin-token-0123456789abcdef"
    /// The token of a second curator, `ruta`.
    static let rutaToken = "ruta-token-fedcba9876543210"
    /// The origin allowed to write from a browser on servers made with the default origins.
    static let writerOrigin = "https://curator.example"

    /// The server most tests share: two curators, one write origin; tests use ids of their own.
    static let shared = WriteTestServer()

    let port: Int
    private let server: HTTPServer
    /// The server's archive (a test may change its size limit).
    let archive: Archive
    private let directory: String

    init(curators: [(name: String, token: String)] = [("admin", adminToken), ("ruta", rutaToken)],
         change: (inout APISettings) -> Void = { _ in }, maxBodySize: Int = 1 << 20) {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("archive-write-tests-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        archive = try! Archive.open(path: directory + "/archive.sqlite", readerCount: 4)
        var settings = APISettings()
        settings.curators = curators
        settings.corsOrigins = [Self.writerOrigin]
        change(&settings)
        let api = try! ArchiveAPI(archive: archive, settings: settings)
        var limits = HTTPLimits()
        limits.maxBodySize = maxBodySize
        server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, workerCount: 4, limits: limits, logFormat: .none),
                            responder: api.makeResponder(logFormat: .none))
        port = try! server.start()
    }

    deinit {
        server.stop(drain: false)
        archive.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The request text of one request (`token` nil sends no `Authorization`).
    static func requestText(_ method: String, _ target: String, token: String?, contentType: String?,
                            headers: [(String, String)], body: String?) -> String {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let token { text += "Authorization: Bearer \(token)\r\n" }
        if let contentType, body != nil { text += "Content-Type: \(contentType)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        return text + "\r\n" + (body ?? "")
    }

    /// One request on a new connection; the whole response (status 0: none came).
    /// A body is sent as `application/json` (PATCH: `application/merge-patch+json`) unless told otherwise.
    func send(_ method: String, _ target: String, token: String? = WriteTestServer.adminToken, contentType: String? = nil,
              headers: [(String, String)] = [], body: String? = nil) -> RawClient.Response {
        let client = RawClient(port: port, timeoutMilliseconds: 10000)
        let type = contentType ?? (method == "PATCH" ? "application/merge-patch+json" : "application/json")
        client.send(Self.requestText(method, target, token: token, contentType: type, headers: headers + [("Connection", "close")], body: body))
        return client.readResponse(isHEAD: method == "HEAD") ?? RawClient.Response(status: 0, headers: [], body: [])
    }

    /// A GET's status and JSON body.
    func get(_ target: String, headers: [(String, String)] = []) -> (status: Int, json: JSONValue, etag: String?) {
        let response = send("GET", target, token: nil, headers: headers)
        return (response.status, (try? JSONParser.parse(response.body)) ?? .null, response.header("ETag"))
    }
}

extension RawClient.Response {
    /// The body parsed as JSON (`.null` when it is not).
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
}

/// JSON text of a string (quoted and escaped).
func quoted(_ text: String) -> String {
    JSONWriter.string(.string(text))
}

/// A unique slug for a test's own items on a shared server.
func uniqueID(_ prefix: String) -> String {
    "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
}

/// A source in the import format.
func sourceBody(_ id: String, title: String = "A source written by a test") -> String {
    #"{"id":"\#(id)","title":\#(quoted(title)),"kind":"web","author":null,"year":null,"url":null,"language":"en","note":null,"accessed_via":null}"#
}

/// A place in the import format, citing `source` (a source of the embedded archive by default).
func placeBody(_ id: String, name: String = "Testville", source: String = "lt-exhibit-black-june", extra: String = "") -> String {
    #"{"id":"\#(id)","name":\#(quoted(name)),"kind":"city","country":"soviet-union","source_ids":["\#(source)"]\#(extra)}"#
}
