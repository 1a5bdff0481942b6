extension Snapshot {
    /// Calls `body` for every ticket, in id order.
    /// - Complexity: O(n) rows, one prepared statement.
    public func forEachTicket(_ body: (Ticket) throws -> Void) throws {
        let s = try database.prepare(Ticket.selectSQL(from: .tickets) + " ORDER BY id")
        while try s.step() { try body(Ticket(row: s)) }
    }

    /// Calls `body` with the columns of every conversation, in id order, without
    /// collecting them in an array: `(id, ticketId, personId or nil, type, createdAt)`.
    /// The type string is interned by the caller through `typeCode`.
    public func forEachConversation(
        _ body: (_ id: Int64, _ ticketId: Int64, _ personId: Int64?, _ type: String, _ createdAt: Int64) throws -> Void
    ) throws {
        let s = try database.prepare(Conversation.selectSQL(from: .conversations) + " ORDER BY id")
        while try s.step() {
            let c = Conversation(row: s)
            try body(c.id, c.ticketId, c.personId, c.conversationType, c.createdAt)
        }
    }

    public func conversations(ofTicket ticketId: Int64) throws -> [Conversation] {
        let s = try database.prepare(Conversation.selectSQL(from: .conversations) + " WHERE ticket_id = ? ORDER BY id")
        try s.bind([.integer(ticketId)])
        return try Self.rows(s)
    }

    /// Every conversation with its system kind, in id order (tests, small snapshots).
    public func conversations() throws -> [Conversation] { try all(.conversations) }

    public func persons() throws -> [Person] { try all(.persons) }

    public func mailboxes() throws -> [NamedEntity] { try all(.mailboxes) }

    public func products() throws -> [NamedEntity] { try all(.products) }

    public func activities() throws -> [Activity] { try all(.activities) }

    /// Every row of `table`, in id order.
    private func all<Record: SnapshotRecord>(_ table: RecordTable<Record>) throws -> [Record] {
        try Self.rows(database.prepare(Record.selectSQL(from: table) + " ORDER BY id"))
    }

    private static func rows<Record: SnapshotRecord>(_ s: Statement) throws -> [Record] {
        var rows: [Record] = []
        while try s.step() { rows.append(Record(row: s)) }
        return rows
    }

    /// Ids of every ticket in the snapshot, ascending.
    public func ticketIDs() throws -> [Int64] {
        let s = try database.prepare("SELECT id FROM tickets ORDER BY id")
        var ids: [Int64] = []
        while try s.step() { ids.append(s.int64(0)) }
        return ids
    }
}
