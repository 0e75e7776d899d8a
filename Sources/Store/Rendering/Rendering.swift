import Support

/// What the API serves for one item, made once per change of what it shows instead of per
/// request: the full JSON (``ItemView``, compact) and its strong ETag, for a document its dating
/// analysis (``DatingAnalysis``) and ETag, and the other items both show.
struct Rendering: Equatable {
    var type: ItemType
    var body: [UInt8]
    var etag: String
    var dating: [UInt8]?
    var datingETag: String?
    /// The ids of the other items whose reference objects the body or the dating contain, sorted:
    /// a change of any of them may change these bytes.
    var embeds: [String]

    /// Renders the item `id` of `type`, which must exist.
    static func make(_ id: String, type: ItemType, in db: Connection) throws -> Rendering {
        let view = JSONValue.object(try ItemView.build(id, type: type, db: db))
        var embedded = Set<String>()
        collectReferences(view, into: &embedded)
        let body = JSONWriter.bytes(view)
        var dating: [UInt8]?
        if type == .document, let analysis = try DatingAnalysis.analyse(documentID: id, in: db) {
            collectReferences(analysis, into: &embedded)
            dating = JSONWriter.bytes(analysis)
        }
        embedded.remove(id)
        return Rendering(type: type, body: body, etag: ContentTag.strong(for: body), dating: dating, datingETag: dating.map(ContentTag.strong(for:)),
                         embeds: embedded.sorted())
    }

    /// The ids of every reference object (`{"type", "id", …, "href": "/v1/…"}`) in `value`.
    private static func collectReferences(_ value: JSONValue, into ids: inout Set<String>) {
        switch value {
        case .array(let elements): for element in elements { collectReferences(element, into: &ids) }
        case .object(let object):
            if case .string(let id)? = object["id"], case .string(let href)? = object["href"], href.hasPrefix(ResourcePath.root + "/") {
                ids.insert(id)
            }
            for member in object { collectReferences(member.value, into: &ids) }
        default: break
        }
    }
}
