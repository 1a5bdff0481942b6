import FSSnapshot

/// One ticket's life from creation to `now`: events are generated in time order and the
/// first one past `now` ends it, so recent tickets are naturally still open.
struct TicketLife {
    static let reopenChance = 0.06

    let world: GeneratorWorld
    var rng: SplitMix64
    var ticket: Ticket
    var conversations: [Conversation]
    var activities: [PendingActivity]
    var nextConversationId: Int64
    let now: Int64
    var last: Int64
    var activitySeq: Int32 = 0
    /// The agent who does the work (the assignee, or whoever picks up an unassigned ticket).
    var handler = 0
    var priorityFactor = 1.0

    init(
        world: GeneratorWorld, id: Int64, createdAt: Int64, firstConversationId: Int64,
        conversations: [Conversation], activities: [PendingActivity]
    ) {
        self.world = world
        rng = SplitMix64(seed: world.config.seed, stream: 3, index: UInt64(id))
        ticket = Ticket(
            id: id, status: "new", createdAt: createdAt, updatedAt: createdAt, lastCustomerResponse: createdAt,
            waitingSince: createdAt, responseCount: 0)
        self.conversations = conversations
        self.activities = activities
        nextConversationId = firstConversationId
        now = world.config.now
        last = createdAt
    }

    /// Person id of agent index `i`.
    @inline(__always) func agentId(_ i: Int) -> Int64 { Int64(i + 1) }
    var customer: Int64 { ticket.customerId! }

    // MARK: Properties of the ticket

    mutating func chooseProperties() {
        let u = rng.unit()
        let mailbox: Int64 = u < 0.68 ? 1 : (u < 0.90 ? 2 : 3)
        ticket.mailboxId = mailbox
        if mailbox == 2 {
            ticket.productId = rng.chance(0.6) ? 3 : nil
        } else if rng.chance(0.06) {
            ticket.productId = nil
        } else {
            let p = rng.unit()
            ticket.productId = p < 0.36 ? 1 : p < 0.62 ? 2 : p < 0.82 ? 4 : p < 0.94 ? 5 : 3
        }
        let priority = choosePriority(enterprise: mailbox == 3)
        ticket.priority = priority
        ticket.clientPriority = rng.chance(0.75) ? priority : choosePriority(enterprise: mailbox == 3)
        priorityFactor = priority == "critical" ? 0.35 : priority == "medium" ? 0.7 : 1.0
        if mailbox == 3 { priorityFactor *= 0.6 }

        // Customers: a few regulars write often, most write once or twice.
        let n = world.customerCount
        let c: Int
        if rng.chance(0.3) {
            let x = rng.unit()
            c = min(Int(Double(n) * x * x * x), n - 1)
        } else {
            c = rng.below(n)
        }
        ticket.customerId = world.agentCount + Int64(c) + 1

        // The agent: the specialist takes most of their product, nobody else's.
        if let product = ticket.productId, !world.specialists.isEmpty,
            let s = world.specialists.first(where: { world.agents[$0].onlyProduct == product }), rng.chance(0.6)
        {
            handler = s
        } else {
            handler = world.generalists[rng.pick(cumulative: world.generalistWeights)]
        }
        if !rng.chance(0.06) { ticket.agentId = agentId(handler) }
    }

    mutating func choosePriority(enterprise: Bool) -> String {
        let u = rng.unit()
        if enterprise { return u < 0.4 ? "normal" : u < 0.75 ? "medium" : "critical" }
        return u < 0.7 ? "normal" : u < 0.92 ? "medium" : "critical"
    }

    // MARK: Timing

    /// When `agent` answers something that arrived at `t`.
    mutating func agentReply(after t: Int64, agent: Int, median: Double) -> Int64 {
        let profile = world.agents[agent]
        let delay = rng.logNormal(median: median * profile.speed * priorityFactor, sigma: 1.0)
        var r = t + Int64(min(max(delay, 90), 12 * 86_400))
        if !profile.isWorking(at: r) && !rng.chance(profile.offHours) {
            r = profile.nextShift(atOrAfter: r) + rng.int64(in: 0, 5400)
        }
        return r
    }

    /// When the customer writes after `t`.
    mutating func customerReply(after t: Int64, median: Double = 5 * 3600) -> Int64 {
        var r = t + Int64(min(max(rng.logNormal(median: median, sigma: 1.2), 60), 30 * 86_400))
        let day = LocalTime.day(r)
        let hour = (r - day * LocalTime.secondsPerDay) / 3600
        if hour < 7 && rng.chance(0.7) {
            r = day * LocalTime.secondsPerDay + 7 * 3600 + rng.int64(in: 0, 4 * 3600)
        }
        return r
    }

    /// A colleague of `agent` (a generalist), or `agent` when there is none.
    mutating func otherAgent(than agent: Int) -> Int {
        let pool = world.generalists
        guard pool.count > 1 else { return agent }
        let other = pool[rng.below(pool.count)]
        if other != agent { return other }
        return pool[0] == agent ? pool[1] : pool[0]
    }

    // MARK: Events

    enum Kind { case agentResponse, customerResponse, note, close, reopen }

    /// Records an event at `t` (moved just after the previous one when needed).
    /// Returns false when it would fall after `now`: the ticket's story ends there.
    mutating func emit(_ kind: Kind, person: Int64, at time: Int64) -> Bool {
        let t = max(time, last + 1)
        guard t <= now else { return false }
        last = t
        let id = nextConversationId
        nextConversationId += 1
        let type: String
        var event: UInt8? = nil
        var systemKind: SystemNoteKind? = nil
        switch kind {
        case .agentResponse:
            type = "response"
            ticket.responseCount += 1
            ticket.lastAgentResponse = t
            if ticket.firstResponseTime == nil { ticket.firstResponseTime = t - ticket.createdAt }
            ticket.waitingSince = t
            ticket.updatedAt = t
            ticket.status = "active"
            event = PendingActivity.agentResponse
        case .customerResponse:
            type = "response"
            ticket.responseCount += 1
            ticket.lastCustomerResponse = t
            ticket.waitingSince = t
            ticket.updatedAt = t
            if ticket.status == "closed" { ticket.status = "active" }
            event = PendingActivity.customerResponse
        case .note:
            type = "note"
        case .close:
            type = "internal_info"
            ticket.status = "closed"
            ticket.resolvedAt = t
            ticket.closedBy = person
            ticket.totalCloseTime = t - ticket.createdAt
            ticket.updatedAt = t
            event = PendingActivity.closed
            systemKind = .close
        case .reopen:
            // As the plugin does: a system line and a ticket_reopen activity; resolved_at,
            // closed_by and total_close_time stay.
            type = "internal_info"
            ticket.status = "active"
            ticket.updatedAt = t
            event = PendingActivity.reopened
            systemKind = .reopen
        }
        ticket.previewResponseId = id
        conversations.append(
            Conversation(
                id: id, ticketId: ticket.id, personId: person, conversationType: type, createdAt: t,
                systemKind: systemKind))
        if let event { log(event, person: person, at: t) }
        return true
    }

    mutating func log(_ event: UInt8, person: Int64, at t: Int64) {
        guard t >= world.activitySince else { return }
        activities.append(
            PendingActivity(createdAt: t, ticketId: ticket.id, seq: activitySeq, event: event, personId: person))
        activitySeq += 1
    }

    // MARK: The story

    mutating func run() {
        chooseProperties()
        log(PendingActivity.created, person: customer, at: ticket.createdAt)
        // Assigned by the team lead (agent 1) as the ticket comes in.
        if ticket.agentId != nil { log(PendingActivity.assigned, person: 1, at: ticket.createdAt) }

        let fate = rng.unit()
        let unassigned = ticket.agentId == nil
        if fate < (unassigned ? 0.35 : 0.015) {
            // Spam or a duplicate: closed without a reply.
            let t = agentReply(after: ticket.createdAt, agent: handler, median: 4 * 3600)
            _ = emit(.close, person: agentId(handler), at: t)
            return
        }
        if fate < (unassigned ? 0.40 : 0.017) {
            // Fell through the cracks: unanswered for days; the customer may nudge once, and
            // the weekly sweep of old tickets closes it (still open only when that is after now).
            if rng.chance(0.5) {
                guard emit(.customerResponse, person: customer, at: customerReply(after: ticket.createdAt, median: 2 * 86_400))
                else { return }
            }
            sweep(after: last)
            return
        }
        if !unassigned && fate < 0.032 {
            // The customer solved it alone and closed it.
            let t = customerReply(after: ticket.createdAt, median: 3 * 3600)
            if emit(.customerResponse, person: customer, at: t) {
                _ = emit(.close, person: customer, at: t + rng.int64(in: 5, 120))
            }
            return
        }
        converse()
    }

    /// Back-and-forth until closed (maybe re-opened), or until `now`.
    mutating func converse() {
        var t = ticket.createdAt
        var p = world.continueChance
        var turn = 0
        var reopens = 0
        while true {
            // Agent's turn.
            let answer = agentReply(after: t, agent: handler, median: turn == 0 ? 1.5 * 3600 : 2 * 3600)
            if rng.chance(turn == 0 ? 0.12 : 0.06) {
                let nudge = t + Int64(Double(answer - t) * (0.3 + 0.6 * rng.unit()))
                if nudge - t > 600 {
                    guard emit(.customerResponse, person: customer, at: nudge) else { return }
                }
            }
            if rng.chance(GeneratorWorld.noteChance) {
                let author = rng.chance(0.8) ? handler : otherAgent(than: handler)
                guard emit(.note, person: agentId(author), at: answer - rng.int64(in: 60, 1800)) else { return }
            }
            let responder = rng.chance(0.05) ? otherAgent(than: handler) : handler
            guard emit(.agentResponse, person: agentId(responder), at: answer) else { return }
            t = last
            turn += 1

            if rng.chance(p) {
                guard emit(.customerResponse, person: customer, at: customerReply(after: t)) else { return }
                t = last
                continue
            }

            // No answer from the customer: close, one way or another.
            let r = rng.unit()
            let closeAt: Int64
            let closer: Int64
            if r < 0.42 {
                closeAt = t + rng.int64(in: 5, 90)  // "reply and close"
                closer = agentId(handler)
            } else if r < 0.54 {
                closeAt = customerReply(after: t, median: 8 * 3600)
                closer = customer
            } else if r < 0.97 {
                let waited = t + Int64(rng.logNormal(median: 2.5 * 86_400, sigma: 0.5))
                closeAt = world.agents[handler].nextShift(atOrAfter: waited) + rng.int64(in: 0, 3 * 3600)
                closer = agentId(handler)
            } else {
                sweep(after: t)  // left open and forgotten until the sweep
                return
            }
            guard emit(.close, person: closer, at: closeAt) else { return }
            t = last

            guard reopens < 2, rng.chance(TicketLife.reopenChance) else { return }
            // The customer writes to the closed ticket: it is active again, but keeps its
            // resolved_at, closed_by and total_close_time.
            reopens += 1
            guard emit(.customerResponse, person: customer, at: customerReply(after: t, median: 2 * 86_400)),
                emit(.reopen, person: customer, at: last + 1)
            else {
                return
            }
            t = last
            p *= 0.6
            if rng.chance(0.08) {
                sweep(after: t)  // nobody picks it up again until the sweep
                return
            }
        }
    }

    /// A forgotten ticket found by the team's sweep of old open tickets, days to a few
    /// weeks later, and closed (nothing happens when that is past `now`: it is one of the
    /// few stragglers still open).
    mutating func sweep(after t: Int64) {
        let found = t + Int64(min(max(rng.logNormal(median: 6 * 86_400, sigma: 0.6), 86_400), 40 * 86_400))
        _ = emit(.close, person: agentId(handler), at: world.agents[handler].nextShift(atOrAfter: found))
    }
}
