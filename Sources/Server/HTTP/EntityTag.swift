import Support

/// Strong entity tags and the tag lists of `If-Match` / `If-None-Match` (RFC 9110 §8.8.3, §13.1).
public enum EntityTag {
    /// A strong tag of a representation's bytes: the first 128 bits of their SHA-256, so two
    /// servers holding the same data give the same tag, and a tag changes only with the bytes.
    public static func strong(for bytes: [UInt8]) -> String {
        ContentTag.strong(for: bytes)
    }

    /// A strong tag of anything else that determines a representation (a stream's revision and request).
    public static func strong(forKey key: String) -> String {
        strong(for: Array(key.utf8))
    }

    /// The tags of a list field (`"a", W/"b"`), or nil for `*`. Malformed members are dropped.
    public static func list(_ values: [String]) -> [String]? {
        var tags: [String] = []
        for value in values {
            for member in value.split(separator: ",") {
                let tag = member.trimmingCharacters(in: " \t")
                if tag == "*" { return nil }
                if !tag.isEmpty { tags.append(tag) }
            }
        }
        return tags
    }

    /// The opaque part of a tag, without `W/` (for the weak comparison of If-None-Match).
    public static func opaque(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }

    /// Strong comparison (If-Match): both strong and equal character by character.
    public static func strongMatch(_ a: String, _ b: String) -> Bool {
        !a.hasPrefix("W/") && !b.hasPrefix("W/") && a == b
    }
}
