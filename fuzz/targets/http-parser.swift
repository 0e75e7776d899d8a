// libFuzzer target: the HTTP/1.1 request parser (Sources/Server/HTTP), built by scripts/fuzz.
//
// Each input is fed twice: whole, and split at a position taken from its first byte. Both runs
// must agree; the parser must never trap, and a request it returns must satisfy its limits.
@testable import Server

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = HTTPLimits()
    limits.maxRequestLine = 256
    limits.maxFieldLine = 256
    limits.maxHeaderSize = 1024
    limits.maxFieldCount = 16
    limits.maxBodySize = 4096
    limits.maxChunkLine = 64
    limits.maxTrailerSize = 256
    let whole = run([bytes[...]], limits: limits)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let pieces = run([bytes[..<split], bytes[split...]], limits: limits)
    precondition(whole == pieces, "split at \(split) changed the outcome")
    return 0
}

private func run(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits) -> [String] {
    var parser = RequestParser(limits: limits)
    var log: [String] = []
    for chunk in chunks {
        parser.feed(chunk)
        loop: while true {
            switch parser.next() {
            case .request(let request):
                precondition(request.body.count <= limits.maxBodySize)
                precondition(request.headers.count <= limits.maxFieldCount)
                for field in request.headers {
                    precondition(!field.value.utf8.contains(where: { $0 == 0 || $0 == 0x0D || $0 == 0x0A }))
                }
                log.append("\(request.method) \(request.target) \(request.body.count) \(request.headers.count) \(request.isKeepAlive)")
            case .expectContinue: continue
            case .needMore: break loop
            case .error(let error):
                log.append("error \(error)")
                return log
            }
        }
    }
    return log
}
