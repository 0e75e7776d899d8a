import FoundationEssentials
import Glibc
@testable import API
@testable import Server
import Store
import Support
import TestSupport

/// One live archive server for the API suite: the embedded archive in a temporary database,
/// on 127.0.0.1 port 0, shared by every test (they only read).
final class APITestServer: Sendable {
    static let shared = APITestServer()

    let port: Int
    let server: HTTPServer
    let api: ArchiveAPI

    private init() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archive-api-tests-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/archive.sqlite"
        try? FileManager.default.removeItem(atPath: path)
        let archive = try! Archive.open(path: path, readerCount: 4)
        api = try! ArchiveAPI(archive: archive, settings: APISettings())
        server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, workerCount: 4, logFormat: .none),
                            responder: api.makeResponder(logFormat: .none))
        port = try! server.start()
    }
}

/// A GET (or other method) against the shared server; the whole response.
func request(_ method: String = "GET", _ target: String, headers: [(String, String)] = [], body: String? = nil) -> RawClient.Response {
    let client = RawClient(port: APITestServer.shared.port, timeoutMilliseconds: 5000)
    var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
    text += "\r\n" + (body ?? "")
    client.send(text)
    return client.readResponse(isHEAD: method == "HEAD") ?? RawClient.Response(status: 0, headers: [], body: [])
}

/// The JSON body of a GET.
func getJSON(_ target: String, headers: [(String, String)] = []) -> (Int, JSONValue) {
    let response = request("GET", target, headers: headers)
    return (response.status, (try? JSONParser.parse(response.body)) ?? .null)
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue? { objectValue?[key] }
    var array: [JSONValue] { arrayValue ?? [] }
    var string: String? { stringValue }
    var int: Int? { if case .int(let n) = self { Int(n) } else { nil } }
}

/// Percent-encodes a query value.
func encoded(_ value: String) -> String {
    var out = ""
    for byte in value.utf8 {
        if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F {
            out.append(Character(Unicode.Scalar(byte)))
        } else {
            out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
        }
    }
    return out
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
