extension Snapshot {
    /// Calls `body` for every ticket, in id order.
    /// - Complexity: O(n) rows, one prepared statement.
    public func forEachTicket(_ body: (Ticket) throws -> Void) throws {
        let s = try database.prepare(
            """
            SELECT id, customer_id, agent_id, mailbox_id, product_id, status, priority, client_priority,
                created_at, updated_at, resolved_at, closed_by, last_agent_response, last_customer_response,
                waiting_since, response_count, first_response_time, total_close_time, preview_response_id
            FROM tickets ORDER BY id
            """)
        while try s.step() {
            try body(
                Ticket(
                    id: s.int64(0), customerId: s.int64OrNil(1), agentId: s.int64OrNil(2),
                    mailboxId: s.int64OrNil(3), productId: s.int64OrNil(4), status: s.text(5) ?? "",
                    priority: s.text(6), clientPriority: s.text(7), createdAt: s.int64(8),
                    updatedAt: s.int64OrNil(9), resolvedAt: s.int64OrNil(10), closedBy: s.int64OrNil(11),
                    lastAgentResponse: s.int64OrNil(12), lastCustomerResponse: s.int64OrNil(13),
                    waitingSince: s.int64OrNil(14), responseCount: s.int64(15), firstResponseTime: s.int64OrNil(16),
                    totalCloseTime: s.int64OrNil(17), previewResponseId: s.int64OrNil(18)))
        }
    }

    /// Calls `body` with the raw columns of every conversation, in id order, without
    /// building a value per row: `(id, ticketId, personId or nil, type, createdAt)`.
    /// The type string is interned by the caller through `typeCode`.
    public func forEachConversation(
        _ body: (_ id: Int64, _ ticketId: Int64, _ personId: Int64?, _ type: String, _ createdAt: Int64) throws -> Void
    ) throws {
        let s = try database.prepare(
            "SELECT id, ticket_id, person_id, conversation_type, created_at FROM conversations ORDER BY id")
        while try s.step() {
            try body(s.int64(0), s.int64(1), s.int64OrNil(2), s.text(3) ?? "", s.int64(4))
        }
    }

    public func conversations(ofTicket ticketId: Int64) throws -> [Conversation] {
        let s = try database.prepare(
            """
            SELECT id, ticket_id, person_id, conversation_type, created_at FROM conversations
            WHERE ticket_id = ? ORDER BY id
            """)
        try s.bind([.integer(ticketId)])
        var rows: [Conversation] = []
        while try s.step() {
            rows.append(
                Conversation(
                    id: s.int64(0), ticketId: s.int64(1), personId: s.int64OrNil(2),
                    conversationType: s.text(3) ?? "", createdAt: s.int64(4)))
        }
        return rows
    }

    public func persons() throws -> [Person] {
        let s = try database.prepare(
            "SELECT id, person_type, first_name, last_name, email, photo FROM persons ORDER BY id")
        var rows: [Person] = []
        while try s.step() {
            rows.append(
                Person(
                    id: s.int64(0), personType: s.text(1) ?? "", firstName: s.text(2), lastName: s.text(3),
                    email: s.text(4), photo: s.text(5)))
        }
        return rows
    }

    public func mailboxes() throws -> [NamedEntity] { try named("mailboxes") }

    public func products() throws -> [NamedEntity] { try named("products") }

    private func named(_ table: String) throws -> [NamedEntity] {
        let s = try database.prepare("SELECT id, name FROM \(table) ORDER BY id")
        var rows: [NamedEntity] = []
        while try s.step() { rows.append(NamedEntity(id: s.int64(0), name: s.text(1) ?? "")) }
        return rows
    }

    public func activities() throws -> [Activity] {
        let s = try database.prepare(
            """
            SELECT id, person_id, person_type, event_type, object_type, object_id, created_at
            FROM activities ORDER BY id
            """)
        var rows: [Activity] = []
        while try s.step() {
            rows.append(
                Activity(
                    id: s.int64(0), personId: s.int64OrNil(1), personType: s.text(2), eventType: s.text(3) ?? "",
                    objectType: s.text(4), objectId: s.int64OrNil(5), createdAt: s.int64(6)))
        }
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
