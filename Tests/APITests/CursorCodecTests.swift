@testable import API
import Server
import Support
import Testing

/// Pagination cursors: the keyset round-trips under its scope; any change, another scope or
/// another key is a 400 naming `cursor`.
@Suite struct CursorCodecTests {
    let codec = CursorCodec(key: Array("a-secret-of-this-database".utf8))
    let keyset: [JSONValue] = [.string("serov-instructions"), .int(-2_432_000), .double(0.5), .null]

    @Test func aCursor_DecodesToItsKeyset_InItsScope() throws {
        let cursor = codec.encode(keyset, scope: "documents&sort=date")
        #expect(try codec.decode(cursor, scope: "documents&sort=date") == keyset)
        #expect(!cursor.contains("=") && !cursor.contains("+") && !cursor.contains("/"))
    }

    @Test func anotherScope_OrAnotherKey_IsRefused() {
        let cursor = codec.encode(keyset, scope: "documents&sort=date")
        expectRefused(cursor, scope: "documents&sort=id")
        expectRefused(cursor, scope: "persons&sort=date")
        let other = CursorCodec(key: Array("another-database".utf8))
        #expect(throws: Problem.self) { try other.decode(cursor, scope: "documents&sort=date") }
    }

    @Test func everyChangedCharacter_IsRefused() {
        let cursor = Array(codec.encode(keyset, scope: "s"))
        for index in cursor.indices where cursor[index] != "." {
            var changed = cursor
            changed[index] = cursor[index] == "A" ? "B" : "A"
            expectRefused(String(changed), scope: "s")
        }
    }

    @Test(arguments: ["", ".", "abc", "a.b.c", "e30.", String(repeating: "A", count: 3000) + ".AAAAAAAAAAAAAAAA"])
    func malformedCursors_AreRefused(cursor: String) {
        expectRefused(cursor, scope: "s")
    }

    private func expectRefused(_ cursor: String, scope: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try codec.decode(cursor, scope: scope)
            Issue.record("'\(cursor.prefix(40))' was accepted in \(scope)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.status == 400, sourceLocation: sourceLocation)
            #expect(error.detail?.contains("'cursor'") == true, sourceLocation: sourceLocation)
        }
    }
}
