import Testing
@testable import Store
import Support

@Suite struct JSONPatchDiffTests {
    static let pairs: [(String, String)] = [
        (#"{"a":1,"b":[1,2],"c":{"d":1,"e":2}}"#, #"{"a":2,"b":[1,3],"c":{"d":1,"f":3}}"#),
        (#"{"a":1,"b":2}"#, #"{"b":2,"a":1}"#),
        (#"{"a":1}"#, #"{"x":0,"a":1}"#),
        (#"{"a/b":1,"m~n":2}"#, #"{"a/b":3}"#),
        (#"{"a":null}"#, #"{"a":{"lat":1,"lon":2}}"#),
        (#"{"a":1}"#, #"{"a":1}"#),
        (#"[1]"#, #"{"a":1}"#),
    ]

    @Test(arguments: pairs)
    func diffApplied_ToTheOldValue_GivesTheNewValue(old: String, new: String) throws {
        let before = try JSONParser.parse(old), after = try JSONParser.parse(new)
        let patch = JSONPatchDiff.diff(from: before, to: after)
        #expect(applyJSONPatch(patch, to: before) == after)
    }

    @Test func createAndDelete_AreRootOperations() throws {
        let item: JSONValue = ["id": "x"]
        #expect(JSONPatchDiff.diff(from: nil, to: item) == [["op": "add", "path": "", "value": item]])
        #expect(JSONPatchDiff.diff(from: item, to: nil) == [["op": "replace", "path": "", "value": nil]])
        #expect(JSONPatchDiff.diff(from: ["a": 1, "b": 2], to: ["a": 1]) == [["op": "remove", "path": "/b"]])
    }
}
