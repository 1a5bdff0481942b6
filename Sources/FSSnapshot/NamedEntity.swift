// A row of the snapshot, as the reports need it. Timestamps are site-local seconds
// (`LocalTime`); `nil` is SQL NULL. Its columns: `NamedEntity+SnapshotRecord.swift`.

/// A mailbox (business box) or a product: an id and a display name.
public struct NamedEntity: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}
