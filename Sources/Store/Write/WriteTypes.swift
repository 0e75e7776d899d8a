/// One item named by its type and id.
public struct ItemKey: Sendable, Hashable, CustomStringConvertible {
    /// The item's collection.
    public let type: ItemType
    /// The item's id (unique across collections).
    public let id: String

    /// The item `id` of `type`.
    public init(_ type: ItemType, _ id: String) {
        self.type = type
        self.id = id
    }

    public var description: String { "\(type.rawValue) '\(id)'" }
}

/// What a revision did to its item.
public enum RevisionAction: String, Sendable, Hashable {
    case create, update, delete, restore
}

/// Whether an id of a collection names an item now, named one that was deleted, or never did.
public enum ItemState: Sendable, Equatable {
    case present
    /// Deleted by the write of data revision `revision`.
    case deleted(revision: Int)
    case unknown
}

/// Decides, inside the write transaction, whether a write may go ahead: called with the item's
/// current full JSON (the compact bytes `GET` serves, whose hash is the ETag), nil when the item
/// is missing or deleted. Returning false refuses the write with ``ArchiveError/preconditionFailed``.
public typealias WritePrecondition = ([UInt8]?) -> Bool

/// The result of one committed write.
public struct WriteOutcome: Sendable, Equatable {
    /// The item written.
    public let item: ItemKey
    /// What the write did: `create`, `update`, `restore` or `delete`.
    public let action: RevisionAction
    /// The data revision the write made (also the item's revision number).
    public let revision: Int
    /// The write's time, seconds since the epoch (whole seconds).
    public let lastModified: Int64?
    /// The item's full JSON as `GET /v1/<collection>/<id>` now serves it (compact); nil after a delete.
    public let body: [UInt8]?
    /// Every item whose served bytes the write may have changed (it and the items that show it), sorted.
    public var rendered: [String] = []
}

/// One item a batch import wrote, and what it did to it.
public struct ImportedItem: Sendable, Equatable {
    /// The item written.
    public let key: ItemKey
    /// `create`, `update` or `restore`.
    public let action: RevisionAction
}

/// The result of one committed batch import.
public struct ImportOutcome: Sendable, Equatable {
    /// The data revision of the import: every item it wrote has a revision of this number.
    public let revision: Int
    /// Every item written, in the order of writing.
    public let items: [ImportedItem]
    /// How many relations were added or updated.
    public let relations: Int
    /// Every item whose served bytes the import may have changed, sorted.
    public var rendered: [String] = []
}
