// libFuzzer target: the JSON reader (Sources/Support/JSON), built by scripts/fuzz.
//
// Any bytes may be refused, never trap. What is accepted is written back; the written form
// parses again and writes to the same bytes (compact and pretty).
@testable import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    for pretty in [false, true] {
        let written = JSONWriter.bytes(value, pretty: pretty)
        guard let again = try? JSONParser.parse(written) else {
            preconditionFailure("the writer's output does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        precondition(JSONWriter.bytes(again, pretty: pretty) == written, "writing is not stable")
    }
    return 0
}
