import FSColumnar
import FSSnapshot

/// `fsreport report sla` (SEMANTICS.md, "SLA"): per target kind, the samples of the range
/// that met or breached their ticket's target, attainment, and the open tickets past a
/// target now.
///
/// - first_response: the FRT samples of the range (response-times' cohort, dated by the
///   first reply); open breaches are open tickets with no first reply whose `now −
///   created_at` is past the target.
/// - next_response: the reply-time samples ending in range; open breaches are open tickets
///   whose reply clock is running (a customer message after the last agent reply, once the
///   ticket has had its first reply) and whose `now −` the clock's start is past the target.
/// - resolution: the full-resolution samples (closed, `resolved_at` in range); open
///   breaches are open tickets whose `now − created_at` is past the target.
///
/// A sample exactly at its target is met. Durations are calendar seconds, or business
/// seconds of the ticket's schedule with the business clock. Attribution follows the
/// response-time reports: the replying agent for response samples, the assignee for
/// resolution and for open tickets. Open breaches are "now", not limited by the range.
public enum SLA {
    public struct Counts: Sendable, Equatable {
        public var met = 0
        public var breached = 0
        public var breachedOpen = 0

        public init(met: Int = 0, breached: Int = 0, breachedOpen: Int = 0) {
            self.met = met
            self.breached = breached
            self.breachedOpen = breachedOpen
        }

        /// `met / (met + breached)`, nil without samples.
        public var attainment: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }

        /// Attainment × 10,000 rounded halves up (four decimals, for JSON), nil without samples.
        public var attainmentTenThousandths: Int64? {
            met + breached == 0 ? nil : DurationStats.roundedQuotient(Int64(met) * 10_000, Int64(met + breached))
        }
    }

    public struct Group: Sendable, Equatable {
        public var by: ResponseTimes.Dimension
        public var id: Int64?
        public var name: String
        public var counts: [SLATargets.Kind: Counts]
    }

    /// An open ticket past a target now.
    public struct OpenBreach: Sendable, Equatable {
        public var kind: SLATargets.Kind
        public var ticketId: Int64
        public var row: Int
        /// When its clock started (site-local).
        public var since: Int64
        /// Seconds on the report's clock from `since` to now.
        public var elapsed: Int64
        public var target: Int64
    }

    public struct Result: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
        public var clock: SLATargets.Clock
        public var kinds: [SLATargets.Kind]
        public var summary: [SLATargets.Kind: Counts]
        public var groups: [Group]?
        /// Oldest clock start first (then ticket id, then kind).
        public var openBreaches: [OpenBreach]
    }

    /// - Precondition: `business` is given when the targets' clock is business.
    /// - Throws: ``ReportError`` for a reversed range or unknown filter ids.
    public static func run(
        store: ColumnarStore, columns: ResponseColumns, extras: ResponseTimes.TicketExtras, targets: SLATargets,
        business: BusinessTime?, request: ResponseTimes.Request
    ) throws -> Result {
        precondition(targets.clock == .calendar || business != nil, "business clock without business hours")
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        guard let range = request.range else {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today), to: LocalTime.formatDate(day: request.to ?? today))
        }
        let filter = try ResponseTimes.Filter(store: store, extras: extras, request: request)
        let kinds = targets.kinds
        let clockBusiness = targets.clock == .business ? business : nil
        @inline(__always) func elapsed(_ row: Int, _ a: Int64, _ b: Int64) -> Int64 {
            if let clockBusiness { return clockBusiness.seconds(store, row: row, from: a, to: b) }
            return b - a
        }
        // Target per priority code + 1, per kind.
        let table = SLATargets.Kind.allCases.map { targets.table($0, names: extras.priorityNames) }
        @inline(__always) func target(_ kind: SLATargets.Kind, _ row: Int) -> Int64? {
            let t = table[SLATargets.Kind.allCases.firstIndex(of: kind)!]
            return t.isEmpty ? nil : t[Int(extras.priority[row]) + 1]
        }
        let by = request.by
        func key(row: Int, agent: Int32) -> Int32 {
            switch by {
            case .agent?: return agent < 0 ? -1 : agent
            case .mailbox?: return store.ticketMailbox[row] < 0 ? -1 : store.ticketMailbox[row]
            case .product?: return store.ticketProduct[row] < 0 ? -1 : store.ticketProduct[row]
            case .priority?: return Int32(extras.priority[row])
            case nil: return 0
            }
        }
        var summary: [SLATargets.Kind: Counts] = [:]
        var grouped: [Int32: [SLATargets.Kind: Counts]] = [:]
        func count(_ kind: SLATargets.Kind, row: Int, agent: Int32, met: Bool? = nil, open: Bool = false) {
            func bump(_ c: inout Counts) {
                if open {
                    c.breachedOpen += 1
                } else if met == true {
                    c.met += 1
                } else {
                    c.breached += 1
                }
            }
            bump(&summary[kind, default: Counts()])
            if by != nil { bump(&grouped[key(row: row, agent: agent), default: [:]][kind, default: Counts()]) }
        }
        for kind in kinds { summary[kind] = Counts() }

        // Samples of the range.
        if targets.targets[.firstResponse] != nil {
            ResponseTimes.forEachFirstResponse(store, columns, filter, range, extras: extras) { row, at in
                guard let t = target(.firstResponse, row) else { return }
                let d = elapsed(row, store.ticketCreatedAt[row], at)
                count(.firstResponse, row: row, agent: columns.firstReplyAgent[row], met: d <= t)
            }
        }
        if targets.targets[.nextResponse] != nil {
            ResponseTimes.forEachReply(store, columns, extras, filter, range) { i in
                let row = Int(columns.sampleTicket[i])
                guard let t = target(.nextResponse, row) else { return }
                let end = columns.sampleEndAt(i)
                let d =
                    clockBusiness == nil
                    ? Int64(columns.sampleDuration[i]) : elapsed(row, ResponseTimes.replyStart(columns, i), end)
                count(.nextResponse, row: row, agent: columns.sampleAgent[i], met: d <= t)
            }
        }
        func acceptsByAssignee(_ row: Int) -> Bool {
            if let a = filter.agent, store.ticketAgent[row] != a { return false }
            return filter.accepts(store, extras, row: row)
        }
        if targets.targets[.resolution] != nil {
            let seconds = ResponseTimes.secondsRange(range)
            let (lo, hi) = store.closedResolvedAt.withUnsafeBufferPointer { r in
                let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
                return (lo, lowerBound(r, seconds.upperBound, in: lo..<r.count))
            }
            for i in lo..<hi {
                let row = Int(store.closedRows[i])
                guard acceptsByAssignee(row), let t = target(.resolution, row) else { continue }
                let d = elapsed(row, store.ticketCreatedAt[row], store.ticketResolvedAt[row])
                count(.resolution, row: row, agent: store.ticketAgent[row], met: d <= t)
            }
        }

        // Open tickets past a target now.
        let now = request.now
        var breaches: [OpenBreach] = []
        let pending = targets.targets[.nextResponse] != nil ? pendingReplyStart(store) : [:]
        for row in 0..<store.ticketCount where store.ticketStatus[row] != TicketStatusCode.closed {
            guard acceptsByAssignee(row) else { continue }
            let created = store.ticketCreatedAt[row]
            func check(_ kind: SLATargets.Kind, since: Int64) {
                guard let t = target(kind, row) else { return }
                let e = elapsed(row, since, now)
                guard e > t else { return }
                count(kind, row: row, agent: store.ticketAgent[row], open: true)
                breaches.append(
                    OpenBreach(kind: kind, ticketId: store.ticketIDs[row], row: row, since: since, elapsed: e, target: t))
            }
            if targets.targets[.firstResponse] != nil, columns.firstReplyAt[row] == ColumnarStore.null {
                check(.firstResponse, since: created)
            }
            if let since = pending[Int32(row)] { check(.nextResponse, since: since) }
            if targets.targets[.resolution] != nil { check(.resolution, since: created) }
        }
        breaches.sort { ($0.since, $0.ticketId, $0.kind) < ($1.since, $1.ticketId, $1.kind) }

        var groups: [Group]?
        if let by {
            groups = grouped.map { k, counts in
                let (id, name) = ResponseTimes.identity(store, extras, by: by, key: k)
                var all = counts
                for kind in kinds where all[kind] == nil { all[kind] = Counts() }
                return Group(by: by, id: id, name: name, counts: all)
            }
            .sorted { ResponseTimes.groupOrder(($0.id, $0.name), ($1.id, $1.name)) }
        }
        return Result(
            from: range.lowerBound, to: range.upperBound, clock: targets.clock, kinds: kinds, summary: summary,
            groups: groups, openBreaches: breaches)
    }

    /// For open tickets whose reply clock runs now, when it started: the same walk as
    /// ``ResponseColumns`` (replies before `created_at` skipped; the clock starts at the
    /// first customer message after an agent reply), kept only after the first reply.
    /// - Complexity: one pass over the responses, then a sort of the open tickets' ones.
    static func pendingReplyStart(_ store: ColumnarStore) -> [Int32: Int64] {
        var open = [Bool](repeating: false, count: store.ticketCount)
        for row in 0..<store.ticketCount where store.ticketStatus[row] != TicketStatusCode.closed { open[row] = true }
        var list: [(ticket: Int32, time: Int64, index: Int32, agent: Bool)] = []
        store.conversationTicket.withUnsafeBufferPointer { ticket in
            for p in 0...store.personCount {
                let isAgent = p < store.personCount && store.personIsAgent[p]
                for i in store.responseRange(person: p) where open[Int(ticket[i])] {
                    list.append((ticket[i], store.conversationCreatedAt(i), Int32(i), isAgent))
                }
            }
        }
        list.sort { ($0.ticket, $0.time, $0.index) < ($1.ticket, $1.time, $1.index) }
        var pending: [Int32: Int64] = [:]
        var k = 0
        while k < list.count {
            let ticket = list[k].ticket
            let created = store.ticketCreatedAt[Int(ticket)]
            var clock: Int64? = created
            var answered = false
            while k < list.count, list[k].ticket == ticket {
                let r = list[k]
                k += 1
                guard r.time >= created else { continue }
                if r.agent {
                    if clock != nil { answered = true }
                    clock = nil
                } else if clock == nil {
                    clock = r.time
                }
            }
            if answered, let clock { pending[ticket] = clock }
        }
        return pending
    }
}
