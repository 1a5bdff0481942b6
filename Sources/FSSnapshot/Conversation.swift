// A row of the snapshot, as the reports need it. Timestamps are site-local seconds
// (`LocalTime`); `nil` is SQL NULL. Its columns: `Conversation+SnapshotRecord.swift`.

/// One of a ticket's "responses" in the API: a response, a note, internal info, ...
public struct Conversation: Sendable, Equatable {
    public var id: Int64
    public var ticketId: Int64
    public var personId: Int64?
    public var conversationType: String
    public var createdAt: Int64
    /// For `internal_info` rows, what the system line recorded (recognised at extraction,
    /// the text not kept); nil for other types and for rows extracted before migration 3.
    public var systemKind: SystemNoteKind?

    public init(
        id: Int64, ticketId: Int64, personId: Int64?, conversationType: String, createdAt: Int64,
        systemKind: SystemNoteKind? = nil
    ) {
        self.id = id
        self.ticketId = ticketId
        self.personId = personId
        self.conversationType = conversationType
        self.createdAt = createdAt
        self.systemKind = systemKind
    }
}
