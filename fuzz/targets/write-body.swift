// libFuzzer target: the write-body validator (Sources/Store/Write/ItemBody.swift), which checks
// one item's body for PUT and POST, built by scripts/fuzz.
//
// Each input is a body, checked as each of the six item types, as a POST (no path id) and as a
// PUT to `fuzz-1`, against a database holding the embedded archive, so references can resolve.
// Any body may be refused (ArchiveError.invalid), never trap.
import Glibc
import Support
@testable import Store

private let archive: Archive = {
    let path = "/tmp/write-body-fuzz-\(getpid()).sqlite"
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    return try! Archive.open(path: path)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let body = try? ItemBody.parse(bytes) else { return 0 }
    try! archive.pool.read { db in
        for type in ItemType.allCases {
            for pathID in [nil, "fuzz-1"] as [String?] {
                do {
                    let item = try body.decode(as: type, pathID: pathID, in: db)
                    if let pathID { precondition(item.id == pathID, "PUT to \(pathID) decoded as \(item.id)") }
                } catch ArchiveError.invalid(let problems) {
                    precondition(!problems.isEmpty, "refused with no problem named")
                }
            }
        }
    }
    return 0
}
