/// Prepared upserts used inside one ``Snapshot/write(_:)`` transaction. Compiled once per
/// transaction and reused for every row; each record's columns and binds are its
/// ``SnapshotRecord`` conformance, shared with ``BulkInsert``.
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
        ticketUpsert = try database.prepare(Ticket.upsertSQL(into: .tickets))
        conversationUpsert = try database.prepare(Conversation.upsertSQL(into: .conversations))
        personUpsert = try database.prepare(Person.upsertSQL(into: .persons))
        activityUpsert = try database.prepare(Activity.upsertSQL(into: .activities))
        mailboxUpsert = try database.prepare(NamedEntity.upsertSQL(into: .mailboxes))
        productUpsert = try database.prepare(NamedEntity.upsertSQL(into: .products))
        ticketDelete = try database.prepare("DELETE FROM tickets WHERE id = ?1")
        conversationsOfTicketDelete = try database.prepare("DELETE FROM conversations WHERE ticket_id = ?1")
        conversationDelete = try database.prepare("DELETE FROM conversations WHERE id = ?1")
    }

    public func upsert(_ t: Ticket) throws { try upsert(t, with: ticketUpsert) }

    public func upsert(_ c: Conversation) throws { try upsert(c, with: conversationUpsert) }

    public func upsert(_ p: Person) throws { try upsert(p, with: personUpsert) }

    public func upsert(_ a: Activity) throws { try upsert(a, with: activityUpsert) }

    public func upsertMailbox(_ m: NamedEntity) throws { try upsert(m, with: mailboxUpsert) }

    public func upsertProduct(_ p: NamedEntity) throws { try upsert(p, with: productUpsert) }

    private func upsert<Record: SnapshotRecord>(_ record: Record, with statement: Statement) throws {
        try record.bind(into: statement, at: 0)
        try statement.run()
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

    /// Empties every table of helpdesk records (tickets, conversations, persons, mailboxes,
    /// products, activities); metadata and sync checkpoints stay. For the generator, which
    /// replaces a demo snapshot's rows wholesale.
    package func deleteAllRecords() throws {
        try database.execute(Snapshot.recordTableNames.map { "DELETE FROM \($0);" }.joined(separator: " "))
    }

    public func deleteConversation(id: Int64) throws {
        try conversationDelete.bind(id, at: 1)
        try conversationDelete.run()
    }
}
