// libFuzzer target: the EDTF parser (Sources/Store/EDTF), built by scripts/fuzz.
//
// Any text may be refused, never trap; an accepted value has earliest <= latest and renders.
@testable import Store

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let date = try? EDTFDate.parse(text) else { return 0 }
    if let earliest = date.earliest, let latest = date.latest {
        precondition(earliest <= latest, "\(text): earliest \(earliest) after latest \(latest)")
    }
    precondition((0...2).contains(date.level))
    _ = EDTFDisplay.render(date.expression)
    if let plain = try? EDTFDate.parseLevel0(text) {
        precondition(plain.earliest != nil && plain.latest != nil, "\(text): a plain date without bounds")
    }
    return 0
}
