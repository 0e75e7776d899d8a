/// The archive's path scheme, spelled once: the Store writes these paths into the renderings it
/// stores (the `href` of every reference), the API routes and links by them.
public enum ResourcePath {
    /// The API's root, `/v1`; every archive path starts with it.
    public static let root = "/v1"

    /// A collection: `/v1/<collection>`.
    public static func collection(_ collection: String) -> String { root + "/" + collection }

    /// An item: `/v1/<collection>/<id>`.
    public static func item(collection: String, id: String) -> String { root + "/" + collection + "/" + id }

    /// An item's history: `/v1/<collection>/<id>/revisions`.
    public static func revisions(collection: String, id: String) -> String { item(collection: collection, id: id) + "/revisions" }
}
