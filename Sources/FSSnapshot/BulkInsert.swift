/// Plain multi-row `INSERT`s for filling empty tables fast: one statement carries
/// `rowsPerStatement` rows, which amortises SQLite's per-statement cost (about twice the
/// rows per second of one-row upserts). Used only inside a `Snapshot.write {}`
/// transaction, on tables the caller has just emptied (the demo generator); a duplicate
/// id fails loudly. Lives beside ``SnapshotWriter`` so the schema's column lists stay in
/// the module that owns the schema.
public final class BulkInsert<Row> {
    private let single: Statement
    private let multiple: Statement
    private let columnCount: Int32
    private let rowsPerStatement: Int
    private let bind: (Statement, Int32, Row) throws -> Void

    /// - Parameter bind: binds one row's columns at parameter indices `base + 1 ...`.
    init(
        database: Database, table: String, columns: [String], rowsPerStatement: Int = 100,
        bind: @escaping (Statement, Int32, Row) throws -> Void
    ) throws {
        func values(_ rows: Int) -> String {
            (0..<rows).map { r in
                "(" + (1...columns.count).map { "?\(r * columns.count + $0)" }.joined(separator: ",") + ")"
            }.joined(separator: ",")
        }
        let head = "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
        single = try database.prepare(head + values(1))
        multiple = try database.prepare(head + values(rowsPerStatement))
        columnCount = Int32(columns.count)
        self.rowsPerStatement = rowsPerStatement
        self.bind = bind
    }

    public func insert<C: Collection>(_ rows: C) throws where C.Element == Row {
        var index = rows.startIndex
        var remaining = rows.count
        while remaining >= rowsPerStatement {
            for r in 0..<rowsPerStatement {
                try bind(multiple, Int32(r) * columnCount, rows[index])
                index = rows.index(after: index)
            }
            try multiple.run()
            remaining -= rowsPerStatement
        }
        while index != rows.endIndex {
            try bind(single, 0, rows[index])
            try single.run()
            index = rows.index(after: index)
        }
    }
}

extension BulkInsert where Row == Conversation {
    public static func conversations(_ database: Database) throws -> BulkInsert {
        try BulkInsert(
            database: database, table: "conversations",
            columns: ["id", "ticket_id", "person_id", "conversation_type", "created_at"]
        ) { s, b, c in
            try s.bind(c.id, at: b + 1)
            try s.bind(c.ticketId, at: b + 2)
            try s.bind(c.personId, at: b + 3)
            try s.bind(c.conversationType, at: b + 4)
            try s.bind(c.createdAt, at: b + 5)
        }
    }
}

extension BulkInsert where Row == Ticket {
    public static func tickets(_ database: Database) throws -> BulkInsert {
        try BulkInsert(
            database: database, table: "tickets",
            columns: [
                "id", "customer_id", "agent_id", "mailbox_id", "product_id", "status", "priority", "client_priority",
                "created_at", "updated_at", "resolved_at", "closed_by", "last_agent_response",
                "last_customer_response", "waiting_since", "response_count", "first_response_time",
                "total_close_time", "preview_response_id",
            ], rowsPerStatement: 50
        ) { s, b, t in
            try s.bind(t.id, at: b + 1)
            try s.bind(t.customerId, at: b + 2)
            try s.bind(t.agentId, at: b + 3)
            try s.bind(t.mailboxId, at: b + 4)
            try s.bind(t.productId, at: b + 5)
            try s.bind(t.status, at: b + 6)
            try s.bind(t.priority, at: b + 7)
            try s.bind(t.clientPriority, at: b + 8)
            try s.bind(t.createdAt, at: b + 9)
            try s.bind(t.updatedAt, at: b + 10)
            try s.bind(t.resolvedAt, at: b + 11)
            try s.bind(t.closedBy, at: b + 12)
            try s.bind(t.lastAgentResponse, at: b + 13)
            try s.bind(t.lastCustomerResponse, at: b + 14)
            try s.bind(t.waitingSince, at: b + 15)
            try s.bind(t.responseCount, at: b + 16)
            try s.bind(t.firstResponseTime, at: b + 17)
            try s.bind(t.totalCloseTime, at: b + 18)
            try s.bind(t.previewResponseId, at: b + 19)
        }
    }
}

extension BulkInsert where Row == Activity {
    public static func activities(_ database: Database) throws -> BulkInsert {
        try BulkInsert(
            database: database, table: "activities",
            columns: ["id", "person_id", "person_type", "event_type", "object_type", "object_id", "created_at"]
        ) { s, b, a in
            try s.bind(a.id, at: b + 1)
            try s.bind(a.personId, at: b + 2)
            try s.bind(a.personType, at: b + 3)
            try s.bind(a.eventType, at: b + 4)
            try s.bind(a.objectType, at: b + 5)
            try s.bind(a.objectId, at: b + 6)
            try s.bind(a.createdAt, at: b + 7)
        }
    }
}

extension BulkInsert where Row == Person {
    public static func persons(_ database: Database) throws -> BulkInsert {
        try BulkInsert(
            database: database, table: "persons",
            columns: ["id", "person_type", "first_name", "last_name", "email", "photo"]
        ) { s, b, p in
            try s.bind(p.id, at: b + 1)
            try s.bind(p.personType, at: b + 2)
            try s.bind(p.firstName, at: b + 3)
            try s.bind(p.lastName, at: b + 4)
            try s.bind(p.email, at: b + 5)
            try s.bind(p.photo, at: b + 6)
        }
    }
}
