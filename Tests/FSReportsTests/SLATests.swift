import FSColumnar
import FSReports
import FSSnapshot
import Testing

/// `report sla` and the `*_business` blocks on response-times' hand-made helpdesk
/// (``ResponseTimesTests``) plus T106; every figure derived by hand below. Now is
/// 2026-11-20 12:00 (a Friday); 2026-11-10 is a Tuesday.
///
/// - T101 normal, active, Ada: created 11-10 08:00, FRT 3600 (Ada 09:00), one reply sample
///   10:00 → 14:00 = 14400 (Bob). No clock running now.
/// - T102 critical, active, Bob: created 11-10 10:00, FRT 11-11 00:00 = 50400 (Bob).
/// - T103 normal, closed, Ada: created 11-10 23:59:59, resolved 11-11 01:00 = 3601.
/// - T104 no priority, new, unassigned: created 11-11 00:00, never answered.
/// - T105 normal, active, Ada: created 11-09 23:59:59, FRT 1 (Ada 11-10 00:00).
/// - T106 normal, active, Bob: created 11-12 09:00, Bob 10:00, customer 11:00 and 12:00:
///   the reply clock runs since 11-12 11:00.
///
/// Targets: first response critical 1h, default 2h; next response default 4h; resolution
/// critical 24h, normal 1h, no default (T104 has no resolution target).
@Suite("sla")
struct SLATests {
    static let t = ResponseTimesTests.t

    static let tickets =
        ResponseTimesTests.tickets + [
            Ticket(
                id: 106, customerId: 10, agentId: 2, mailboxId: 1, productId: 1, status: "active", priority: "normal",
                createdAt: t("11-12 09:00:00"))
        ]
    static let conversations =
        ResponseTimesTests.conversations + [
            ResponseTimesTests.c(20, 106, 2, "11-12 10:00:00"), ResponseTimesTests.c(21, 106, 10, "11-12 11:00:00"),
            ResponseTimesTests.c(22, 106, 10, "11-12 12:00:00"),
        ]
    static let store = Fixture.store(tickets: tickets, conversations: conversations)
    static let columns = ResponseColumns(store)
    static let extras: ResponseTimes.TicketExtras = {
        let names = ["normal", "critical"]
        let priority = store.ticketIDs.map { id -> Int16 in
            let ticket = tickets.first { $0.id == id }!
            return ticket.priority.flatMap { names.firstIndex(of: $0) }.map(Int16.init) ?? -1
        }
        return .init(priority: priority, priorityNames: names)
    }()

    static func targets(_ clock: SLATargets.Clock) -> SLATargets {
        SLATargets(
            clock: clock,
            targets: [
                .firstResponse: .init(byPriority: ["critical": 3600], defaultSeconds: 7200),
                .nextResponse: .init(defaultSeconds: 4 * 3600),
                .resolution: .init(byPriority: ["critical": 86_400, "normal": 3600]),
            ])
    }

    /// Mon–Fri 09:00–17:00 on the site's (UTC) clock.
    static let business: BusinessTime = {
        let office = BusinessSchedule.Window(start: 540, end: 1020)
        let schedule = try! BusinessSchedule(windows: (0..<7).map { $0 < 5 ? [office] : [] })
        return try! BusinessTime(
            BusinessHours(schedule: schedule), store: store, site: ZoneOffsets(fixedOffset: 0), now: t("11-20 12:00:00"))
    }()

    static func request(by: ResponseTimes.Dimension? = nil) -> ResponseTimes.Request {
        .init(from: Fixture.d("2026-11-10"), to: Fixture.d("2026-11-11"), by: by, now: t("11-20 12:00:00"))
    }

    static func run(_ clock: SLATargets.Clock, by: ResponseTimes.Dimension? = nil) throws -> SLA.Result {
        try SLA.run(
            store: store, columns: columns, extras: extras, targets: targets(clock), business: business,
            request: request(by: by))
    }

    @Test("calendar clock: met, breached, a sample exactly at target, breached_open now")
    func calendar() throws {
        let r = try Self.run(.calendar)
        #expect(r.kinds == [.firstResponse, .nextResponse, .resolution])
        // FRT samples of 11-10..11-11: T105 1 ≤ 7200 met, T101 3600 ≤ 7200 met, T102 50400 > 3600
        // breached; open without a reply: T104, 9.5 days > 2h (default).
        #expect(r.summary[.firstResponse] == SLA.Counts(met: 2, breached: 1, breachedOpen: 1))
        // 2 / 3 = 0.66667 → 6667 ten-thousandths.
        #expect(r.summary[.firstResponse]?.attainmentTenThousandths == 6667)
        // T101's reply sample 14400 equals the 4h target: met. T106's clock runs since 11-12 11:00: past 4h.
        #expect(r.summary[.nextResponse] == SLA.Counts(met: 1, breached: 0, breachedOpen: 1))
        #expect(r.summary[.nextResponse]?.attainment == 1)
        // T103 resolved in range after 3601 s > 1h: breached. Open past target: T101, T105, T106 (1h)
        // and T102 (24h); T104 has no target.
        #expect(r.summary[.resolution] == SLA.Counts(met: 0, breached: 1, breachedOpen: 4))
        // Oldest clock start first.
        #expect(
            r.openBreaches.map { "\($0.ticketId) \($0.kind.rawValue)" } == [
                "105 resolution", "101 resolution", "102 resolution", "104 first_response", "106 resolution",
                "106 next_response",
            ])
        let t106 = try #require(r.openBreaches.first { $0.kind == .nextResponse })
        // 11-12 11:00 → 11-20 12:00 = 8 days 1 hour = 694800 s.
        #expect(t106.since == Self.t("11-12 11:00:00") && t106.elapsed == 694_800 && t106.target == 14_400)
    }

    @Test("running reply clocks: T106 only, since the first customer message after Bob's reply")
    func runningClocks() {
        // T101's customers were answered at 14:00; T104 never had a first reply; T106 waits since 11:00.
        #expect(Self.columns.pendingRows.map { Self.store.ticketIDs[Int($0)] } == [106])
        #expect(Array(Self.columns.pendingSince) == [Self.t("11-12 11:00:00")])
    }

    @Test("business clock: Mon–Fri 09:00–17:00")
    func businessClock() throws {
        let r = try Self.run(.business)
        // T105 00:00 (0 business s) met; T101 08:00 → 09:00 Tue: 0, met; T102 Tue 10:00 → Wed 00:00:
        // 10–17 = 25200 > 3600, breached.
        #expect(r.summary[.firstResponse] == SLA.Counts(met: 2, breached: 1, breachedOpen: 1))
        // T101's reply Tue 10:00 → 14:00 = 14400 business seconds = target: met.
        #expect(r.summary[.nextResponse] == SLA.Counts(met: 1, breached: 0, breachedOpen: 1))
        // T103 Tue 23:59:59 → Wed 01:00: no business time, met now. The open ones are days past.
        #expect(r.summary[.resolution] == SLA.Counts(met: 1, breached: 0, breachedOpen: 4))
        // T106's clock: Thu 11-12 11:00–17:00 (6 h), Fri 13 (8), Mon 16 – Thu 19 (4 × 8), Fri 20 09–12 (3) = 49 h.
        let t106 = try #require(r.openBreaches.first { $0.kind == .nextResponse })
        #expect(t106.elapsed == 49 * 3600)
    }

    @Test("by agent: the replying agent for replies, the assignee for resolution and open tickets")
    func byAgent() throws {
        let groups = try #require(try Self.run(.calendar, by: .agent).groups)
        #expect(groups.map(\.name) == ["Ada Admin", "Bob Baker ", "(none)"])
        let ada = groups[0].counts
        let bob = groups[1].counts
        let none = groups[2].counts
        // Ada: FRT T105, T101 met; T103 (hers) breached; open T101, T105 past resolution.
        #expect(ada[.firstResponse] == SLA.Counts(met: 2, breached: 0, breachedOpen: 0))
        #expect(ada[.nextResponse] == SLA.Counts())
        #expect(ada[.resolution] == SLA.Counts(met: 0, breached: 1, breachedOpen: 2))
        // Bob: T102 breached; T101's reply was his, met; T106 waits on him; T102 and T106 open past resolution.
        #expect(bob[.firstResponse] == SLA.Counts(met: 0, breached: 1, breachedOpen: 0))
        #expect(bob[.nextResponse] == SLA.Counts(met: 1, breached: 0, breachedOpen: 1))
        #expect(bob[.resolution] == SLA.Counts(met: 0, breached: 0, breachedOpen: 2))
        // Unassigned T104 waits for a first reply.
        #expect(none[.firstResponse] == SLA.Counts(met: 0, breached: 0, breachedOpen: 1))
    }

    @Test("a kind without targets is not reported; no samples gives a null attainment")
    func missingKind() throws {
        let only = SLATargets(clock: .calendar, targets: [.nextResponse: .init(defaultSeconds: 3600)])
        var request = Self.request()
        request.from = Fixture.d("2026-11-01")
        request.to = Fixture.d("2026-11-02")
        let r = try SLA.run(
            store: Self.store, columns: Self.columns, extras: Self.extras, targets: only, business: nil, request: request)
        #expect(r.kinds == [.nextResponse])
        #expect(r.summary.keys.sorted() == [.nextResponse])
        #expect(r.summary[.nextResponse] == SLA.Counts(met: 0, breached: 0, breachedOpen: 1))
        #expect(r.summary[.nextResponse]?.attainment == nil)
    }

    @Test("response-times and resolution-times gain business blocks only with a schedule")
    func businessBlocks() throws {
        let request = ResponseTimes.Request(
            from: Fixture.d("2026-11-10"), to: Fixture.d("2026-11-11"), now: Self.t("11-20 12:00:00"))
        let plain = try ResponseTimes.run(store: Self.store, columns: Self.columns, extras: Self.extras, request: request)
        #expect(plain.summary.firstResponseBusiness == nil && plain.summary.replyTimeBusiness == nil)
        let with = try ResponseTimes.run(
            store: Self.store, columns: Self.columns, extras: Self.extras, request: request, business: Self.business)
        // FRT business: T105 0, T101 0, T102 25200 → sorted [0, 0, 25200]; mean 8400, median 0,
        // p90 at h = 1.8: 0 + 0.8 · 25200 = 20160.
        #expect(
            with.summary.firstResponseBusiness
                == DurationStats(n: 3, mean: 8400, median: 0, p90: 20160, max: 25200, buckets: [2, 0, 1, 0, 0, 0, 0]))
        #expect(with.summary.replyTimeBusiness?.median == 14_400)
        let history = CloseHistory(store: Self.store, events: [])
        let resolution = try ResolutionTimes.run(
            store: Self.store, replies: Self.columns, history: history, extras: Self.extras, request: request,
            business: Self.business)
        // T103: 3601 calendar seconds, 0 business seconds (Tue 23:59:59 → Wed 01:00).
        #expect(resolution.summary.full.max == 3601)
        #expect(resolution.summary.fullBusiness == DurationStats([0]))
        #expect(resolution.summary.firstBusiness == DurationStats([0]))
        let none = try ResolutionTimes.run(
            store: Self.store, replies: Self.columns, history: history, extras: Self.extras, request: request)
        #expect(none.summary.fullBusiness == nil)
    }
}

/// A ticket whose only agent reply is timed before its `created_at` has no FRT sample, but it
/// has an agent reply: like `unanswered_now`, first-response `breached_open` leaves it out.
@Suite("sla: a reply before created_at")
struct SLAReplyBeforeCreationTests {
    static let t = ResponseTimesTests.t
    // T201: created 11-19 12:00, Ada's reply logged at 11:00 (before it). T202: created at the
    // same time, never answered. Now 11-20 12:00: both are 24 h old, past the 2 h target.
    static let tickets = [
        Ticket(
            id: 201, customerId: 10, agentId: 1, mailboxId: 1, productId: 1, status: "active", priority: "normal",
            createdAt: t("11-19 12:00:00")),
        Ticket(
            id: 202, customerId: 11, agentId: 1, mailboxId: 1, productId: 1, status: "active", priority: "normal",
            createdAt: t("11-19 12:00:00")),
    ]
    static let store = Fixture.store(
        tickets: tickets, conversations: [ResponseTimesTests.c(1, 201, 1, "11-19 11:00:00")])

    @Test func breachedOpenCountsOnlyTheTicketWithNoAgentReply() throws {
        let columns = ResponseColumns(Self.store)
        let extras = ResponseTimes.TicketExtras(priority: [0, 0], priorityNames: ["normal"])
        let targets = SLATargets(clock: .calendar, targets: [.firstResponse: .init(defaultSeconds: 7200)])
        let now = Self.t("11-20 12:00:00")
        let r = try SLA.run(
            store: Self.store, columns: columns, extras: extras, targets: targets, business: nil,
            request: .init(from: Fixture.d("2026-11-19"), to: Fixture.d("2026-11-20"), now: now))
        // No FRT sample in range (T201's reply precedes its creation); open past target: T202 only.
        #expect(r.summary[SLATargets.Kind.firstResponse] == SLA.Counts(met: 0, breached: 0, breachedOpen: 1))
        let standings = SLA.standings(
            store: Self.store, columns: columns, extras: extras, targets: targets, business: nil, now: now)
        let row201 = Self.store.ticketIDs.firstIndex(of: 201)!
        let row202 = Self.store.ticketIDs.firstIndex(of: 202)!
        #expect(standings[SLATargets.Kind.firstResponse]?[row201] == SLA.Standing.none)
        #expect(standings[SLATargets.Kind.firstResponse]?[row202] == SLA.Standing.breached)
    }
}
