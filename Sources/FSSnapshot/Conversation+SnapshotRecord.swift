/// The `conversations` table's columns, binds and read, in one order.
extension Conversation: SnapshotRecord {
    package static let columns: [SnapshotColumn] = [
        .integer("id", notNull: true),
        .integer("ticket_id", notNull: true),
        .integer("person_id"),
        .text("conversation_type", notNull: true),
        .integer("created_at", notNull: true),
        .text("system_kind"),
    ]

    package func bind(into s: Statement, at base: Int32) throws {
        try s.bind(id, at: base + 1)
        try s.bind(ticketId, at: base + 2)
        try s.bind(personId, at: base + 3)
        try s.bind(conversationType, at: base + 4)
        try s.bind(createdAt, at: base + 5)
        try s.bind(systemKind?.rawValue, at: base + 6)
    }

    package init(row s: Statement) {
        self.init(
            id: s.int64(0), ticketId: s.int64(1), personId: s.int64OrNil(2), conversationType: s.text(3) ?? "",
            createdAt: s.int64(4), systemKind: s.text(5).flatMap(SystemNoteKind.init(rawValue:)))
    }
}
