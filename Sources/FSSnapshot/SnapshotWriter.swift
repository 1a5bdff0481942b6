/// Prepared upserts used inside one ``Snapshot/write(_:)`` transaction. Compiled once per
/// transaction and reused for every row.
public final class SnapshotWriter {
    private let database: Database
    private let ticketUpsert: Statement
    private let conversationUpsert: Statement
    private let personUpsert: Statement
    private let activityUpsert: Statement
    private let mailboxUpsert: Statement
    private let productUpsert: Statement
    private let ticketDelete: Statement
    private let conversationsOfTicketDelete: Statement
    private let conversationDelete: Statement

    init(database: Database) throws {
        self.database = database
        ticketUpsert = try database.prepare(
            """
            INSERT INTO tickets(id, customer_id, agent_id, mailbox_id, product_id, status, priority,
                client_priority, created_at, updated_at, resolved_at, closed_by, last_agent_response,
                last_customer_response, waiting_since, response_count, first_response_time, total_close_time,
                preview_response_id)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
            ON CONFLICT(id) DO UPDATE SET customer_id = ?2, agent_id = ?3, mailbox_id = ?4, product_id = ?5,
                status = ?6, priority = ?7, client_priority = ?8, created_at = ?9, updated_at = ?10,
                resolved_at = ?11, closed_by = ?12, last_agent_response = ?13, last_customer_response = ?14,
                waiting_since = ?15, response_count = ?16, first_response_time = ?17, total_close_time = ?18,
                preview_response_id = ?19
            """)
        conversationUpsert = try database.prepare(
            """
            INSERT INTO conversations(id, ticket_id, person_id, conversation_type, created_at)
            VALUES(?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(id) DO UPDATE SET ticket_id = ?2, person_id = ?3, conversation_type = ?4, created_at = ?5
            """)
        personUpsert = try database.prepare(
            """
            INSERT INTO persons(id, person_type, first_name, last_name, email, photo) VALUES(?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(id) DO UPDATE SET person_type = ?2, first_name = ?3, last_name = ?4, email = ?5, photo = ?6
            """)
        activityUpsert = try database.prepare(
            """
            INSERT INTO activities(id, person_id, person_type, event_type, object_type, object_id, created_at)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT(id) DO UPDATE SET person_id = ?2, person_type = ?3, event_type = ?4, object_type = ?5,
                object_id = ?6, created_at = ?7
            """)
        mailboxUpsert = try database.prepare(
            "INSERT INTO mailboxes(id, name) VALUES(?1, ?2) ON CONFLICT(id) DO UPDATE SET name = ?2")
        productUpsert = try database.prepare(
            "INSERT INTO products(id, name) VALUES(?1, ?2) ON CONFLICT(id) DO UPDATE SET name = ?2")
        ticketDelete = try database.prepare("DELETE FROM tickets WHERE id = ?1")
        conversationsOfTicketDelete = try database.prepare("DELETE FROM conversations WHERE ticket_id = ?1")
        conversationDelete = try database.prepare("DELETE FROM conversations WHERE id = ?1")
    }

    public func upsert(_ t: Ticket) throws {
        let s = ticketUpsert
        try s.bind(t.id, at: 1)
        try s.bind(t.customerId, at: 2)
        try s.bind(t.agentId, at: 3)
        try s.bind(t.mailboxId, at: 4)
        try s.bind(t.productId, at: 5)
        try s.bind(t.status, at: 6)
        try s.bind(t.priority, at: 7)
        try s.bind(t.clientPriority, at: 8)
        try s.bind(t.createdAt, at: 9)
        try s.bind(t.updatedAt, at: 10)
        try s.bind(t.resolvedAt, at: 11)
        try s.bind(t.closedBy, at: 12)
        try s.bind(t.lastAgentResponse, at: 13)
        try s.bind(t.lastCustomerResponse, at: 14)
        try s.bind(t.waitingSince, at: 15)
        try s.bind(t.responseCount, at: 16)
        try s.bind(t.firstResponseTime, at: 17)
        try s.bind(t.totalCloseTime, at: 18)
        try s.bind(t.previewResponseId, at: 19)
        try s.run()
    }

    public func upsert(_ c: Conversation) throws {
        let s = conversationUpsert
        try s.bind(c.id, at: 1)
        try s.bind(c.ticketId, at: 2)
        try s.bind(c.personId, at: 3)
        try s.bind(c.conversationType, at: 4)
        try s.bind(c.createdAt, at: 5)
        try s.run()
    }

    public func upsert(_ p: Person) throws {
        let s = personUpsert
        try s.bind(p.id, at: 1)
        try s.bind(p.personType, at: 2)
        try s.bind(p.firstName, at: 3)
        try s.bind(p.lastName, at: 4)
        try s.bind(p.email, at: 5)
        try s.bind(p.photo, at: 6)
        try s.run()
    }

    public func upsert(_ a: Activity) throws {
        let s = activityUpsert
        try s.bind(a.id, at: 1)
        try s.bind(a.personId, at: 2)
        try s.bind(a.personType, at: 3)
        try s.bind(a.eventType, at: 4)
        try s.bind(a.objectType, at: 5)
        try s.bind(a.objectId, at: 6)
        try s.bind(a.createdAt, at: 7)
        try s.run()
    }

    public func upsertMailbox(_ m: NamedEntity) throws {
        try mailboxUpsert.bind(m.id, at: 1)
        try mailboxUpsert.bind(m.name, at: 2)
        try mailboxUpsert.run()
    }

    public func upsertProduct(_ p: NamedEntity) throws {
        try productUpsert.bind(p.id, at: 1)
        try productUpsert.bind(p.name, at: 2)
        try productUpsert.run()
    }

    /// Replaces every conversation of a ticket with `conversations` (a fetched detail is
    /// the whole truth: responses deleted on the site disappear here too).
    public func replaceConversations(ofTicket ticketId: Int64, with conversations: [Conversation]) throws {
        try conversationsOfTicketDelete.bind(ticketId, at: 1)
        try conversationsOfTicketDelete.run()
        for c in conversations { try upsert(c) }
    }

    /// Removes a ticket and all its conversations (the site deletes them together).
    public func deleteTicket(id: Int64) throws {
        try conversationsOfTicketDelete.bind(id, at: 1)
        try conversationsOfTicketDelete.run()
        try ticketDelete.bind(id, at: 1)
        try ticketDelete.run()
    }

    public func deleteConversation(id: Int64) throws {
        try conversationDelete.bind(id, at: 1)
        try conversationDelete.run()
    }
}
