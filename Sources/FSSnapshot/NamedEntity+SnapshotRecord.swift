/// The columns, binds and read of the `mailboxes` and `products` tables, in one order.
extension NamedEntity: SnapshotRecord {
    package static let columns: [SnapshotColumn] = [
        .integer("id", notNull: true),
        .text("name", notNull: true),
    ]

    package func bind(into s: Statement, at base: Int32) throws {
        try s.bind(id, at: base + 1)
        try s.bind(name, at: base + 2)
    }

    package init(row s: Statement) {
        self.init(id: s.int64(0), name: s.text(1) ?? "")
    }
}
