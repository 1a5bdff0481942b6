/// The `persons` table's columns, binds and read, in one order.
extension Person: SnapshotRecord {
    package static let columns: [SnapshotColumn] = [
        .integer("id", notNull: true),
        .text("person_type", notNull: true),
        .text("first_name"),
        .text("last_name"),
        .text("email"),
        .text("photo"),
    ]

    package func bind(into s: Statement, at base: Int32) throws {
        try s.bind(id, at: base + 1)
        try s.bind(personType, at: base + 2)
        try s.bind(firstName, at: base + 3)
        try s.bind(lastName, at: base + 4)
        try s.bind(email, at: base + 5)
        try s.bind(photo, at: base + 6)
    }

    package init(row s: Statement) {
        self.init(
            id: s.int64(0), personType: s.text(1) ?? "", firstName: s.text(2), lastName: s.text(3), email: s.text(4),
            photo: s.text(5))
    }
}
