/// JSON merge patch (RFC 7396): members of an object patch are set, `null` removes a member,
/// arrays and every other non-object value replace the target whole.
public enum JSONMergePatch {
    /// `patch` applied to `target` (RFC 7396 §2, the MergePatch function).
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in members {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
