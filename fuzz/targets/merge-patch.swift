// libFuzzer target: JSON merge patch (RFC 7396, Support's JSONMergePatch), built by scripts/fuzz.
//
// An input is two JSON texts, the target and the patch, split at the first newline. Applying
// the patch never traps, is idempotent (RFC 7396 §1), and removes every member the patch
// sets to null; the JSON patch diff between target and result never traps either.
@testable import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    guard let target = try? JSONParser.parse(Array(bytes[..<newline])),
          let patch = try? JSONParser.parse(Array(bytes[min(newline + 1, bytes.endIndex)...])) else { return 0 }
    let once = JSONMergePatch.apply(patch, to: target)
    let twice = JSONMergePatch.apply(patch, to: once)
    precondition(JSONWriter.bytes(once) == JSONWriter.bytes(twice), "merge patch is not idempotent")
    if case .object(let members) = patch, case .object(let result) = once {
        for (key, value) in members where value.isNull {
            precondition(result[key] == nil, "member \(key) set to null is still there")
        }
    }
    _ = JSONPatchDiff.diff(from: target, to: once)
    return 0
}
