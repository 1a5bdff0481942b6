import FSGenerator
import FSSnapshot
import Foundation

/// The emulated site's data, indexed for serving, and changed the way Fluent Support
/// changes it (API.md "What an incremental sync can and cannot see"). Guarded by the
/// emulator's lock.
final class EmulatorState {
    let clock: SiteClock
    let timezone: String
    let now: Int64
    /// Ascending id.
    private(set) var tickets: [Ticket]
    /// Each ticket's conversations, ascending id.
    private(set) var conversations: [Int64: [Conversation]]
    private(set) var persons: [Int64: Person]
    let agentIDs: [Int64]
    let mailboxes: [NamedEntity]
    let products: [NamedEntity]
    /// Ascending id.
    private(set) var activities: [Activity]
    private var nextTicketId: Int64
    private var nextConversationId: Int64
    private var nextActivityId: Int64

    /// Takes a generated dataset as a real site would hold it: local times that fall in
    /// a DST gap (which a real site never stores) move forward like PHP moves them, every
    /// person gets a photo URL, and each ticket's `preview_response` is its latest
    /// conversation.
    init(dataset: HelpdeskDataset) {
        let clock = SiteClock(identifier: dataset.timezone) ?? .utc
        self.clock = clock
        timezone = dataset.timezone
        now = dataset.now
        func real(_ t: Int64) -> Int64 { clock.local(unixSeconds: Self.instant(local: t, clock: clock)) }
        func real(_ t: Int64?) -> Int64? { t.map(real) }

        var byTicket: [Int64: [Conversation]] = [:]
        for var c in dataset.conversations {
            c.createdAt = real(c.createdAt)
            byTicket[c.ticketId, default: []].append(c)
        }
        tickets = dataset.tickets.sorted { $0.id < $1.id }.map { t in
            var t = t
            t.createdAt = real(t.createdAt)
            t.updatedAt = real(t.updatedAt)
            t.waitingSince = real(t.waitingSince)
            return t
        }
        for i in tickets.indices { tickets[i].previewResponseId = byTicket[tickets[i].id]?.last?.id }
        conversations = byTicket
        var persons: [Int64: Person] = [:]
        for var p in dataset.persons {
            if p.photo == nil { p.photo = Self.photoURL(for: p) }
            persons[p.id] = p
        }
        self.persons = persons
        agentIDs = dataset.persons.filter { $0.personType == "agent" }.map(\.id).sorted()
        mailboxes = dataset.mailboxes
        products = dataset.products
        activities = dataset.activities.sorted { $0.id < $1.id }.map { a in
            var a = a
            a.createdAt = real(a.createdAt)
            return a
        }
        nextTicketId = (tickets.last?.id ?? 0) + 1
        nextConversationId = (dataset.conversations.map(\.id).max() ?? 0) + 1
        nextActivityId = (activities.last?.id ?? 0) + 1
    }

    /// The Unix instant of a site-local time as PHP's `DateTime` finds it: the first of
    /// two in a fall-back hour; in a spring-forward gap, the wall time read with the offset
    /// in force before the change (02:30 → 03:30 the same day).
    static func instant(local t: Int64, clock: SiteClock) -> Int64 {
        clock.unixSeconds(local: t)
    }

    /// A Gravatar-style URL, stable per e-mail.
    static func photoURL(for p: Person) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in (p.email ?? String(p.id)).utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return "https://www.gravatar.com/avatar/\(String(repeating: "0", count: 16 - hex.count))\(hex)"
            + "?s=128&d=mp"
    }

    // MARK: Reading

    func ticketIndex(_ id: Int64) -> Int? {
        var lo = 0
        var hi = tickets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tickets[mid].id < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < tickets.count && tickets[lo].id == id ? lo : nil
    }

    func ticket(_ id: Int64) -> Ticket? { ticketIndex(id).map { tickets[$0] } }

    /// The whole site as a dataset (what a complete snapshot must hold).
    var dataset: HelpdeskDataset {
        HelpdeskDataset(
            timezone: timezone, now: now, persons: persons.values.sorted { $0.id < $1.id }, mailboxes: mailboxes,
            products: products, tickets: tickets,
            conversations: conversations.values.flatMap { $0 }.sorted { $0.id < $1.id }, activities: activities)
    }

    // MARK: Changing

    @discardableResult
    func insertTicket(customerId: Int64, agentId: Int64?, mailboxId: Int64?, productId: Int64?, priority: String, at t: Int64)
        -> Ticket
    {
        let ticket = Ticket(
            id: nextTicketId, customerId: customerId, agentId: agentId, mailboxId: mailboxId, productId: productId,
            status: "new", priority: priority, clientPriority: priority, createdAt: t, updatedAt: t,
            lastCustomerResponse: t, waitingSince: t, responseCount: 0)
        nextTicketId += 1
        tickets.append(ticket)
        conversations[ticket.id] = []
        log("fluent_support/ticket_created", person: customerId, ticket: ticket.id, at: t)
        return ticket
    }

    /// Removes a ticket and its conversations; logs `ticket_deleted` (its other activity
    /// rows stay).
    func deleteTicket(id: Int64, by person: Int64, at t: Int64) {
        guard let i = ticketIndex(id) else { return }
        tickets.remove(at: i)
        conversations[id] = nil
        log("fluent_support/ticket_deleted", person: person, ticket: id, at: t)
    }

    /// Adds a conversation the way the plugin does: a response (either side) moves
    /// `updated_at` and the counters; a note moves nothing but `preview_response`;
    /// `internal_info` with `closes` closes the ticket.
    @discardableResult
    func addConversation(ticketId: Int64, personId: Int64, type: String, at t: Int64, closes: Bool = false) -> Conversation? {
        guard let i = ticketIndex(ticketId) else { return nil }
        let c = Conversation(
            id: nextConversationId, ticketId: ticketId, personId: personId, conversationType: type, createdAt: t,
            systemKind: type == "internal_info" ? (closes ? .close : .other) : nil)
        nextConversationId += 1
        conversations[ticketId, default: []].append(c)
        var ticket = tickets[i]
        let isAgent = persons[personId]?.personType == "agent"
        if type == "response" {
            ticket.responseCount += 1
            ticket.updatedAt = t
            ticket.waitingSince = t
            if isAgent {
                ticket.lastAgentResponse = t
                if ticket.firstResponseTime == nil { ticket.firstResponseTime = t - ticket.createdAt }
                ticket.status = "active"
            } else {
                ticket.lastCustomerResponse = t
                if ticket.status == "closed" { ticket.status = "active" }
            }
            log(
                isAgent ? "fluent_support/response_added_by_agent" : "fluent_support/response_added_by_customer",
                person: personId, ticket: ticketId, at: t)
        }
        if type == "note" {
            log("fluent_support/note_added_by_agent", person: personId, ticket: ticketId, at: t)
        }
        if closes {
            ticket.status = "closed"
            ticket.resolvedAt = t
            ticket.closedBy = personId
            ticket.totalCloseTime = t - ticket.createdAt
            ticket.updatedAt = t
            log("fluent_support/ticket_closed", person: personId, ticket: ticketId, at: t)
        }
        ticket.previewResponseId = c.id
        tickets[i] = ticket
        return c
    }

    /// Re-opens a closed ticket as the plugin does: status `active`, `updated_at` moves, a
    /// system line and a `ticket_reopen` activity; `resolved_at`, `closed_by` and
    /// `total_close_time` stay.
    func reopenTicket(id: Int64, by person: Int64, at t: Int64) {
        systemChange(id, kind: .reopen, event: "fluent_support/ticket_reopen", by: person, at: t) { $0.status = "active" }
    }

    /// Assigns a ticket to `agent`: `updated_at` moves, a system line ("X assigned Y in
    /// this ticket") and an `agent_assigned_to_ticket` activity.
    func assignTicket(id: Int64, to agent: Int64, by person: Int64, at t: Int64) {
        systemChange(id, kind: .assign, event: "fluent_support/agent_assigned_to_ticket", by: person, at: t) {
            $0.agentId = agent
        }
    }

    /// A change the plugin records with a system line (internal_info of `kind`, which
    /// becomes the preview) and an activity row; `updated_at` moves to `t`.
    private func systemChange(
        _ id: Int64, kind: SystemNoteKind, event: String, by person: Int64, at t: Int64, _ change: (inout Ticket) -> Void
    ) {
        guard let i = ticketIndex(id) else { return }
        let c = Conversation(
            id: nextConversationId, ticketId: id, personId: person, conversationType: "internal_info", createdAt: t,
            systemKind: kind)
        nextConversationId += 1
        conversations[id, default: []].append(c)
        change(&tickets[i])
        tickets[i].updatedAt = t
        tickets[i].previewResponseId = c.id
        log(event, person: person, ticket: id, at: t)
    }

    /// Removes activity rows with ids up to `id`, as the site's pruning after
    /// `delete_days` does.
    func pruneActivities(throughId id: Int64) {
        activities.removeAll { $0.id <= id }
    }

    /// Deletes one conversation, leaving no trace (counters, `updated_at` and the
    /// preview stay as they were).
    func deleteConversation(id: Int64, ticketId: Int64) {
        conversations[ticketId]?.removeAll { $0.id == id }
    }

    /// Changes ticket properties; `touch` moves `updated_at` to `t` as a real change does.
    func updateTicket(id: Int64, touch t: Int64?, _ change: (inout Ticket) -> Void) {
        guard let i = ticketIndex(id) else { return }
        change(&tickets[i])
        if let t { tickets[i].updatedAt = t }
    }

    private func log(_ event: String, person: Int64, ticket: Int64, at t: Int64) {
        let type = persons[person]?.personType
        activities.append(
            Activity(
                id: nextActivityId, personId: person, personType: type, eventType: event, objectType: "ticket",
                objectId: ticket, createdAt: t))
        nextActivityId += 1
    }
}
