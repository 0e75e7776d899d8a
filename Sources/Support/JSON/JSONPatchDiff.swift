/// The difference of two JSON values as a JSON Patch (RFC 6902): `add`, `remove` and `replace`
/// operations with RFC 6901 pointers. Objects are compared member by member; arrays that differ
/// are replaced whole. An object whose kept members changed order, or that gains a member before
/// a kept one, is replaced whole too, so that applying the patch gives the new value with its
/// members in the same order.
public enum JSONPatchDiff {
    /// The operations that turn `old` into `new`; nil stands for "no item" (before a create,
    /// after a delete): a create is one `add` at the root, a delete one `replace` of the root by null.
    public static func diff(from old: JSONValue?, to new: JSONValue?) -> JSONValue {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, let new?): return [operation("add", "", new)]
        case (_?, nil): return [operation("replace", "", .null)]
        case (let old?, let new?):
            var operations: [JSONValue] = []
            collect(old, new, path: "", into: &operations)
            return .array(operations)
        }
    }

    private static func collect(_ old: JSONValue, _ new: JSONValue, path: String, into operations: inout [JSONValue]) {
        if old == new { return }
        guard case .object(let before) = old, case .object(let after) = new, keepsOrder(before, after) else {
            operations.append(operation("replace", path, new))
            return
        }
        for key in before.keys where after[key] == nil {
            operations.append(["op": "remove", "path": .string(path + "/" + pointerToken(key))])
        }
        for (key, value) in after {
            let memberPath = path + "/" + pointerToken(key)
            if let previous = before[key] {
                collect(previous, value, path: memberPath, into: &operations)
            } else {
                operations.append(operation("add", memberPath, value))
            }
        }
    }

    /// Whether removing members from `before` and appending `after`'s new ones gives `after`'s order.
    private static func keepsOrder(_ before: JSONObject, _ after: JSONObject) -> Bool {
        let kept = after.keys.filter { before[$0] != nil }
        guard kept == before.keys.filter({ after[$0] != nil }) else { return false }
        guard let lastKept = kept.last, let position = after.keys.firstIndex(of: lastKept) else { return true }
        return after.keys[..<position].allSatisfy { before[$0] != nil }
    }

    private static func operation(_ name: String, _ path: String, _ value: JSONValue) -> JSONValue {
        ["op": .string(name), "path": .string(path), "value": value]
    }
}
