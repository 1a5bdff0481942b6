/// The `tickets` table's columns, binds and read, in one order.
extension Ticket: SnapshotRecord {
    package static let columns: [SnapshotColumn] = [
        .integer("id", notNull: true),
        .integer("customer_id"),
        .integer("agent_id"),
        .integer("mailbox_id"),
        .integer("product_id"),
        .text("status", notNull: true),
        .text("priority"),
        .text("client_priority"),
        .integer("created_at", notNull: true),
        .integer("updated_at"),
        .integer("resolved_at"),
        .integer("closed_by"),
        .integer("last_agent_response"),
        .integer("last_customer_response"),
        .integer("waiting_since"),
        .integer("response_count", notNull: true),
        .integer("first_response_time"),
        .integer("total_close_time"),
        .integer("preview_response_id"),
    ]

    package func bind(into s: Statement, at base: Int32) throws {
        try s.bind(id, at: base + 1)
        try s.bind(customerId, at: base + 2)
        try s.bind(agentId, at: base + 3)
        try s.bind(mailboxId, at: base + 4)
        try s.bind(productId, at: base + 5)
        try s.bind(status, at: base + 6)
        try s.bind(priority, at: base + 7)
        try s.bind(clientPriority, at: base + 8)
        try s.bind(createdAt, at: base + 9)
        try s.bind(updatedAt, at: base + 10)
        try s.bind(resolvedAt, at: base + 11)
        try s.bind(closedBy, at: base + 12)
        try s.bind(lastAgentResponse, at: base + 13)
        try s.bind(lastCustomerResponse, at: base + 14)
        try s.bind(waitingSince, at: base + 15)
        try s.bind(responseCount, at: base + 16)
        try s.bind(firstResponseTime, at: base + 17)
        try s.bind(totalCloseTime, at: base + 18)
        try s.bind(previewResponseId, at: base + 19)
    }

    package init(row s: Statement) {
        self.init(
            id: s.int64(0), customerId: s.int64OrNil(1), agentId: s.int64OrNil(2),
            mailboxId: s.int64OrNil(3), productId: s.int64OrNil(4), status: s.text(5) ?? "",
            priority: s.text(6), clientPriority: s.text(7), createdAt: s.int64(8),
            updatedAt: s.int64OrNil(9), resolvedAt: s.int64OrNil(10), closedBy: s.int64OrNil(11),
            lastAgentResponse: s.int64OrNil(12), lastCustomerResponse: s.int64OrNil(13),
            waitingSince: s.int64OrNil(14), responseCount: s.int64(15), firstResponseTime: s.int64OrNil(16),
            totalCloseTime: s.int64OrNil(17), previewResponseId: s.int64OrNil(18))
    }
}
