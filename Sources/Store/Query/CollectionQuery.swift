import Support

/// What a page of a collection asks for: filters, date window, full-text, sort, page size and
/// the keyset of the previous page's last item.
public struct CollectionQuery: Sendable {
    /// A sortable field; ties are always broken by id.
    public enum SortField: String, Sendable, CaseIterable {
        case id, label, date
    }

    public var type: ItemType
    /// Filter name → accepted values (any of them matches).
    public var filters: [(name: String, values: [String])] = []
    /// The date window, as day numbers (inclusive); nil = open.
    public var from: Int?
    public var to: Int?
    /// `date_match=within`: the whole span must lie inside the window.
    public var within = false
    public var text: String?
    public var sort: SortField = .id
    public var descending = false
    public var limit = 50
    /// The sort key of the last item of the previous page.
    public var after: [JSONValue]?

    public init(type: ItemType) { self.type = type }

    /// The filters each collection takes (API.md).
    public static func filterNames(for type: ItemType) -> [String] {
        switch type {
        case .document: ["kind", "issuer", "signatory", "event"]
        case .person: ["institution"]
        case .institution: ["kind"]
        case .event: ["place", "document", "kind"]
        case .place: ["kind", "country"]
        case .source: ["kind"]
        }
    }

    /// Whether items of this collection carry a date (and so a `year` facet and date filters).
    public static func isDated(_ type: ItemType) -> Bool {
        [.document, .event, .institution, .person].contains(type)
    }

    /// The facets each collection offers: its filters plus `year` on dated collections.
    public static func facetNames(for type: ItemType) -> [String] {
        filterNames(for: type) + (isDated(type) ? ["year"] : [])
    }

    /// Sort fields allowed for a collection, by their public names (`title`/`name` mean the label).
    public static func sortFields(for type: ItemType) -> [String: SortField] {
        var fields: [String: SortField] = ["id": .id, type.displayField: .label]
        if isDated(type) { fields["date"] = .date }
        return fields
    }
}

/// One page of a collection.
public struct CollectionPage: Sendable {
    public var items: [JSONValue]
    public var total: Int
    /// The keyset of the last item, when there may be a next page.
    public var next: [JSONValue]?
}
