/// The `activities` table's columns, binds and read, in one order.
extension Activity: SnapshotRecord {
    package static let columns: [SnapshotColumn] = [
        .integer("id", notNull: true),
        .integer("person_id"),
        .text("person_type"),
        .text("event_type", notNull: true),
        .text("object_type"),
        .integer("object_id"),
        .integer("created_at", notNull: true),
    ]

    package func bind(into s: Statement, at base: Int32) throws {
        try s.bind(id, at: base + 1)
        try s.bind(personId, at: base + 2)
        try s.bind(personType, at: base + 3)
        try s.bind(eventType, at: base + 4)
        try s.bind(objectType, at: base + 5)
        try s.bind(objectId, at: base + 6)
        try s.bind(createdAt, at: base + 7)
    }

    package init(row s: Statement) {
        self.init(
            id: s.int64(0), personId: s.int64OrNil(1), personType: s.text(2), eventType: s.text(3) ?? "",
            objectType: s.text(4), objectId: s.int64OrNil(5), createdAt: s.int64(6))
    }
}
