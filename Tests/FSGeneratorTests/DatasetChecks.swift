import FSGenerator
import FSSnapshot

/// Recomputes every derived ticket field from the ticket's conversations, independently
/// of the generator, and lists what does not match Fluent Support's bookkeeping.
func consistencyProblems(_ d: HelpdeskDataset) -> [String] {
    var problems: [String] = []
    func problem(_ text: String) { if problems.count < 50 { problems.append(text) } }

    var personType: [Int64: String] = [:]
    for p in d.persons {
        if personType[p.id] != nil { problem("duplicate person \(p.id)") }
        personType[p.id] = p.personType
    }
    var previousTicket: Ticket?
    var ticketIndex: [Int64: Int] = [:]
    for (i, t) in d.tickets.enumerated() {
        if let prev = previousTicket {
            if t.id <= prev.id { problem("ticket ids not ascending at \(t.id)") }
            if t.createdAt < prev.createdAt { problem("ticket \(t.id) created before ticket \(prev.id)") }
        }
        previousTicket = t
        ticketIndex[t.id] = i
        if t.createdAt > d.now { problem("ticket \(t.id) created after now") }
        if let a = t.agentId, personType[a] != "agent" { problem("ticket \(t.id) agent \(a) is not an agent") }
        if let c = t.customerId, personType[c] != "customer" { problem("ticket \(t.id) customer \(c) missing") }
        if let m = t.mailboxId, !d.mailboxes.contains(where: { $0.id == m }) { problem("ticket \(t.id) mailbox") }
        if let p = t.productId, !d.products.contains(where: { $0.id == p }) { problem("ticket \(t.id) product") }
    }

    var byTicket: [Int64: [Conversation]] = [:]
    var lastId: Int64 = 0
    for c in d.conversations {
        if c.id <= lastId { problem("conversation ids not ascending at \(c.id)") }
        lastId = c.id
        if c.createdAt > d.now { problem("conversation \(c.id) after now") }
        guard ticketIndex[c.ticketId] != nil else {
            problem("conversation \(c.id) of missing ticket \(c.ticketId)")
            continue
        }
        guard let person = c.personId, personType[person] != nil else {
            problem("conversation \(c.id) by unknown person")
            continue
        }
        if (c.conversationType == "note") && personType[person] != "agent" { problem("note \(c.id) not by an agent") }
        byTicket[c.ticketId, default: []].append(c)
    }

    for t in d.tickets {
        let conversations = byTicket[t.id] ?? []
        var responses = 0
        var lastAgent: Int64?
        var firstAgent: Int64?
        var lastCustomer: Int64?
        var lastResponse: Int64?
        var lastClose: Conversation?
        var updated = t.createdAt
        var status = "new"
        var previous = t.createdAt
        for c in conversations {
            if c.createdAt < previous { problem("ticket \(t.id): conversation \(c.id) out of time order") }
            previous = c.createdAt
            switch c.conversationType {
            case "response":
                responses += 1
                lastResponse = c.createdAt
                updated = max(updated, c.createdAt)
                if personType[c.personId!] == "agent" {
                    lastAgent = c.createdAt
                    if firstAgent == nil { firstAgent = c.createdAt }
                    status = "active"
                } else {
                    lastCustomer = c.createdAt
                    if status == "closed" { status = "active" }
                }
            case "internal_info" where c.systemKind == .reopen:
                // Reopened: active again; resolved_at, closed_by and total_close_time stay.
                updated = max(updated, c.createdAt)
                status = "active"
            case "internal_info":
                lastClose = c
                updated = max(updated, c.createdAt)
                status = "closed"
            case "note":
                break
            default:
                problem("ticket \(t.id): unexpected type \(c.conversationType)")
            }
        }
        func check<V: Equatable>(_ name: String, _ actual: V, _ expected: V) {
            if actual != expected { problem("ticket \(t.id) \(name): \(actual) != expected \(expected)") }
        }
        check("response_count", t.responseCount, Int64(responses))
        check("last_agent_response", t.lastAgentResponse, lastAgent)
        check("last_customer_response", t.lastCustomerResponse, lastCustomer ?? t.createdAt)
        check("waiting_since", t.waitingSince, lastResponse ?? t.createdAt)
        check("first_response_time", t.firstResponseTime, firstAgent.map { $0 - t.createdAt })
        check("resolved_at", t.resolvedAt, lastClose?.createdAt)
        check("closed_by", t.closedBy, lastClose?.personId)
        check("total_close_time", t.totalCloseTime, lastClose.map { $0.createdAt - t.createdAt })
        check("updated_at", t.updatedAt, updated)
        check("preview_response_id", t.previewResponseId, conversations.last?.id)
        check("status", t.status, status)
        if let u = t.updatedAt, u > d.now { problem("ticket \(t.id) updated after now") }
    }

    var previousActivity: Activity?
    for a in d.activities {
        if let p = previousActivity, a.id <= p.id || a.createdAt < p.createdAt {
            problem("activity \(a.id) not ascending by id and time")
        }
        previousActivity = a
        if a.createdAt > d.now { problem("activity \(a.id) after now") }
        if a.objectType != "ticket" || ticketIndex[a.objectId ?? -1] == nil { problem("activity \(a.id) object") }
        if let p = a.personId, personType[p] != a.personType { problem("activity \(a.id) person type") }
    }
    return problems
}

/// Weekday of a local timestamp, 0 = Sunday.
func weekday(_ t: Int64) -> Int { Int((LocalTime.day(t) + 4) % 7) }

let testNow = LocalTime.parse("2026-11-20 16:30:00")!
