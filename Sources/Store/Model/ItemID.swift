/// Item ids: stable lowercase kebab-case slugs (`serov-instructions`), unique across collections.
public enum ItemID {
    /// Whether `id` is a lowercase kebab-case slug of at most 200 bytes.
    public static func isValid(_ id: String) -> Bool { ItemDecoder.isValidID(id) }
}
