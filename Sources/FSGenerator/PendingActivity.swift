import FSSnapshot

/// An activity-log event waiting for its id (ids ascend with time, so they are handed
/// out after sorting).
struct PendingActivity: Sendable {
    var createdAt: Int64
    var ticketId: Int64
    var seq: Int32
    var event: UInt8
    var personId: Int64

    static let eventTypes = [
        "fluent_support/ticket_created",
        "fluent_support/agent_assigned_to_ticket",
        "fluent_support/response_added_by_agent",
        "fluent_support/response_added_by_customer",
        "fluent_support/ticket_closed",
        "fluent_support/ticket_reopen",
    ]
    static let created: UInt8 = 0
    static let assigned: UInt8 = 1
    static let agentResponse: UInt8 = 2
    static let customerResponse: UInt8 = 3
    static let closed: UInt8 = 4
    static let reopened: UInt8 = 5

    @inline(__always)
    static func precedes(_ a: PendingActivity, _ b: PendingActivity) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        if a.ticketId != b.ticketId { return a.ticketId < b.ticketId }
        return a.seq < b.seq
    }

    /// Sorts by time and numbers from 1.
    static func finish(_ pending: inout [PendingActivity], agents: Int64) -> [Activity] {
        pending.sort(by: precedes)
        var rows: [Activity] = []
        rows.reserveCapacity(pending.count)
        for (offset, p) in pending.enumerated() {
            rows.append(
                Activity(
                    id: Int64(offset + 1), personId: p.personId,
                    personType: p.personId <= agents ? "agent" : "customer", eventType: eventTypes[Int(p.event)],
                    objectType: "ticket", objectId: p.ticketId, createdAt: p.createdAt))
        }
        return rows
    }
}
