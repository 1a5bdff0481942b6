// A row of the snapshot, as the reports need it. Timestamps are site-local seconds
// (`LocalTime`); `nil` is SQL NULL. Its columns: `Activity+SnapshotRecord.swift`.

/// An activity-log row. Only ever added on the site, pruned after `delete_days`.
public struct Activity: Sendable, Equatable {
    public var id: Int64
    public var personId: Int64?
    public var personType: String?
    public var eventType: String
    public var objectType: String?
    public var objectId: Int64?
    public var createdAt: Int64

    public init(
        id: Int64, personId: Int64?, personType: String?, eventType: String, objectType: String?,
        objectId: Int64?, createdAt: Int64
    ) {
        self.id = id
        self.personId = personId
        self.personType = personType
        self.eventType = eventType
        self.objectType = objectType
        self.objectId = objectId
        self.createdAt = createdAt
    }
}
