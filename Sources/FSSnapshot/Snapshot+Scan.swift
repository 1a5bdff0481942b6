import CSQLite

/// Bulk readers for loaders that turn the snapshot into columns: plain integers per row,
/// no `String` or record value per row. Text categories (ticket status, conversation
/// type, person type) arrive as small integer codes that SQLite computes with a `CASE`
/// over the caller's list, so the caller owns the code table.
extension Snapshot {
    /// The ticket columns the columnar store reads; `nil` is SQL NULL.
    public struct TicketScanRow: Sendable {
        public var id: Int64
        public var agentId: Int64?
        public var mailboxId: Int64?
        public var productId: Int64?
        /// Index of `status` in the caller's `statusCodes`, or `statusCodes.count` for any other value.
        public var statusCode: Int
        public var createdAt: Int64
        public var resolvedAt: Int64?
        public var waitingSince: Int64?
        public var lastAgentResponse: Int64?
        public var lastCustomerResponse: Int64?
    }

    /// Calls `body` for every ticket in id order.
    /// - Parameter statusCodes: status values to code as 0, 1, ...; anything else gets `statusCodes.count`.
    /// - Complexity: one pass over `tickets` in rowid order.
    public func scanTickets(statusCodes: [String], _ body: (TicketScanRow) throws -> Void) throws {
        let s = try database.prepare(
            """
            SELECT id, agent_id, mailbox_id, product_id, \(Self.caseSQL("status", statusCodes)), created_at,
                resolved_at, waiting_since, last_agent_response, last_customer_response
            FROM tickets ORDER BY id
            """)
        try s.bind(statusCodes.map(SQLValue.text))
        while try s.step() {
            try body(
                TicketScanRow(
                    id: s.int64(0), agentId: s.int64OrNil(1), mailboxId: s.int64OrNil(2), productId: s.int64OrNil(3),
                    statusCode: Int(s.int64(4)), createdAt: s.int64(5), resolvedAt: s.int64OrNil(6),
                    waitingSince: s.int64OrNil(7), lastAgentResponse: s.int64OrNil(8),
                    lastCustomerResponse: s.int64OrNil(9)))
        }
    }

    /// Calls `body` with the columns of every conversation (or of those whose id is in
    /// `ids`), in id order: `(ticketId, personId or nil, typeCode, createdAt)`.
    /// - Parameter typeCodes: conversation types to code as 0, 1, ...; anything else gets `typeCodes.count`.
    /// - Complexity: one pass over `conversations` (or over the id range) in rowid order.
    public func scanConversations(
        typeCodes: [String], ids: ClosedRange<Int64>? = nil,
        _ body: (_ ticketId: Int64, _ personId: Int64?, _ typeCode: Int, _ createdAt: Int64) throws -> Void
    ) throws {
        let n = typeCodes.count
        let s = try database.prepare(
            """
            SELECT ticket_id, person_id, \(Self.caseSQL("conversation_type", typeCodes)), created_at
            FROM conversations \(ids == nil ? "" : "WHERE id BETWEEN ?\(n + 1) AND ?\(n + 2)") ORDER BY id
            """)
        try s.bind(typeCodes.map(SQLValue.text) + (ids.map { [.integer($0.lowerBound), .integer($0.upperBound)] } ?? []))
        let handle = s.handle
        while try s.step() {
            let person: Int64? = sqlite3_column_type(handle, 1) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 1)
            try body(
                sqlite3_column_int64(handle, 0), person, Int(sqlite3_column_int64(handle, 2)),
                sqlite3_column_int64(handle, 3))
        }
    }

    /// Calls `body` for every person in id order with what reports show of them (no email).
    public func scanPersons(
        _ body: (_ id: Int64, _ isAgent: Bool, _ firstName: String?, _ lastName: String?, _ photo: String?) throws -> Void
    ) throws {
        let s = try database.prepare(
            "SELECT id, person_type = 'agent', first_name, last_name, photo FROM persons ORDER BY id")
        while try s.step() {
            try body(s.int64(0), s.int64(1) != 0, s.text(2), s.text(3), s.text(4))
        }
    }

    /// What identifies the contents of this snapshot for caches derived from it: the
    /// write generation plus cheap guards (schema version, largest ids), read together in
    /// one read transaction.
    public struct ContentStamp: Sendable, Equatable {
        public var generation: Int64
        public var schemaVersion: Int64
        public var maxTicketId: Int64
        public var maxConversationId: Int64
        public var maxPersonId: Int64

        public init(generation: Int64, schemaVersion: Int64, maxTicketId: Int64, maxConversationId: Int64, maxPersonId: Int64) {
            self.generation = generation
            self.schemaVersion = schemaVersion
            self.maxTicketId = maxTicketId
            self.maxConversationId = maxConversationId
            self.maxPersonId = maxPersonId
        }
    }

    /// The current ``ContentStamp``.
    /// - Complexity: O(log n): `max(id)` reads the end of each rowid b-tree.
    public func contentStamp() throws -> ContentStamp {
        try reading {
            ContentStamp(
                generation: try generation(), schemaVersion: Int64(schemaVersion),
                maxTicketId: try database.scalarInt("SELECT max(id) FROM tickets") ?? 0,
                maxConversationId: try database.scalarInt("SELECT max(id) FROM conversations") ?? 0,
                maxPersonId: try database.scalarInt("SELECT max(id) FROM persons") ?? 0)
        }
    }

    /// Runs `body` inside one read transaction, so every statement in it sees the same
    /// committed state even while another connection writes. Nested calls join the outer one.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        guard sqlite3_get_autocommit(database.handle) != 0 else { return try body() }
        try database.execute("BEGIN DEFERRED")
        do {
            let value = try body()
            try database.execute("COMMIT")
            return value
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// The smallest and largest conversation id, nil when there are none.
    /// - Complexity: O(log n), the two ends of the rowid b-tree.
    public func conversationIDRange() throws -> ClosedRange<Int64>? {
        guard let low = try database.scalarInt("SELECT min(id) FROM conversations"),
            let high = try database.scalarInt("SELECT max(id) FROM conversations")
        else { return nil }
        return low...high
    }

    /// `CASE column WHEN ?1 THEN 0 WHEN ?2 THEN 1 ... ELSE n END`
    static func caseSQL(_ column: String, _ values: [String]) -> String {
        guard !values.isEmpty else { return "0" }
        let whens = values.indices.map { "WHEN ?\($0 + 1) THEN \($0)" }.joined(separator: " ")
        return "CASE \(column) \(whens) ELSE \(values.count) END"
    }
}
