// libFuzzer target: the write-body validator (Sources/Store/Write/ItemBody.swift), which checks
// one item's body for PUT and POST, built by scripts/fuzz.
//
// Each input is a body, checked against a database holding the embedded archive (so references
// can resolve) as one of the six item types, as a POST (no path id) or a PUT to `fuzz-1`: which,
// is taken from the input's length, so the corpus reaches every pair and a run stays fast.
// Any body may be refused (ArchiveError.invalid, naming a problem), never trap.
import Glibc
import Support
@testable import Store

nonisolated(unsafe) private var archive: Archive!

/// Seeds the database before the first input, so its seconds count against no input's timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let path = "/tmp/write-body-fuzz-\(getpid()).sqlite"
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    archive = try! Archive.open(path: path)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let body = try? ItemBody.parse(bytes) else { return 0 }
    let types = ItemType.allCases
    let type = types[size % types.count]
    let pathID: String? = (size / types.count) % 2 == 0 ? nil : "fuzz-1"
    try! archive.pool.read { db in
        do {
            let item = try body.decode(as: type, pathID: pathID, in: db)
            if let pathID { precondition(item.id == pathID, "PUT to \(pathID) decoded as \(item.id)") }
        } catch ArchiveError.invalid(let problems) {
            precondition(!problems.isEmpty, "refused with no problem named")
        }
    }
    return 0
}
