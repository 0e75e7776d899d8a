/// The six kinds of item the archive holds, one per collection.
public enum ItemType: String, Sendable, CaseIterable, Hashable {
    case document, person, institution, event, place, source

    /// The collection's path segment and the key of its array in the import format.
    public var collection: String {
        switch self {
        case .document: "documents"
        case .person: "persons"
        case .institution: "institutions"
        case .event: "events"
        case .place: "places"
        case .source: "sources"
        }
    }

    /// The field that names an item in lists and references: `title` or `name`.
    public var displayField: String {
        switch self {
        case .document, .source: "title"
        default: "name"
        }
    }

    /// The type whose collection is `name`, if any.
    public init?(collection name: String) {
        guard let type = ItemType.allCases.first(where: { $0.collection == name }) else { return nil }
        self = type
    }

    /// The order in which collections are imported and exported (referenced before referencing).
    public static let importOrder: [ItemType] = [.source, .place, .institution, .person, .document, .event]

    /// "a document", "an institution", "an event".
    public var withArticle: String { (rawValue.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + rawValue }
}
