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

    /// The report from the loaded columns (``ReportColumns/sla`` among them).
    /// - Precondition: `business` is given when the targets' clock is business.
    /// - Throws: ``ReportError`` for a reversed range or unknown filter ids.
    public static func run(
        store: ColumnarStore, reports: ReportColumns, targets: SLATargets, business: BusinessTime?,
        request: ResponseTimes.Request, listBreaches: Bool = true
    ) throws -> Result {
        try run(
            store: store, columns: reports.responses, extras: reports.tickets, targets: targets, business: business,
            request: request, listBreaches: listBreaches, sla: reports.sla)
    }

    /// - Parameters:
    ///   - listBreaches: also list the open breaches (``Result/openBreaches``; the CSV
    ///     output); the counts are there either way.
    ///   - sla: ``SLAColumns`` of this store, these columns and priorities; without them
    ///     (or when they do not line up) the calendar-clock summary lays them out itself.
    /// - Precondition: `business` is given when the targets' clock is business.
    /// - Throws: ``ReportError`` for a reversed range or unknown filter ids.
    public static func run(
        store: ColumnarStore, columns: ResponseColumns, extras: ResponseTimes.TicketExtras, targets: SLATargets,
        business: BusinessTime?, request: ResponseTimes.Request, listBreaches: Bool = true, sla: SLAColumns? = nil
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
        // Target per priority code + 1, per kind (index in `Kind.allCases`; -1: none).
        let tables = SLATargets.Kind.allCases.map { kind in
            targets.table(kind, names: extras.priorityNames).map { $0 ?? -1 }
        }
        @inline(__always) func target(_ k: Int, _ row: Int) -> Int64 {
            tables[k].isEmpty ? -1 : tables[k][Int(extras.priority[row]) + 1]
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
        let fr = 0
        let nr = 1
        let res = 2
        var summary = [Counts](repeating: Counts(), count: 3)
        var grouped: [Int32: [Counts]] = [:]
        func countGroup(_ k: Int, row: Int, agent: Int32, met: Bool) {
            let g = key(row: row, agent: agent)
            if met {
                grouped[g, default: [Counts](repeating: Counts(), count: 3)][k].met += 1
            } else {
                grouped[g, default: [Counts](repeating: Counts(), count: 3)][k].breached += 1
            }
        }
        let priority = extras.priority
        let created = store.ticketCreatedAt
        let grouping = by != nil

        if targets.clock == .calendar, filter.isEmpty, !grouping,
            let fast = calendarCounts(
                store: store, columns: columns, extras: extras,
                aligned: sla.flatMap { $0.fits(store, columns) ? $0 : nil }
                    ?? SLAColumns(store: store, responses: columns, tickets: extras),
                tables: tables, seconds: ResponseTimes.secondsRange(range), now: request.now, listBreaches: listBreaches)
        {
            var byKind: [SLATargets.Kind: Counts] = [:]
            for kind in kinds { byKind[kind] = fast.summary[kind.rank] }
            return Result(
                from: range.lowerBound, to: range.upperBound, clock: targets.clock, kinds: kinds, summary: byKind,
                groups: nil, openBreaches: sortedBreaches(fast.breaches))
        }

        // Samples of the range: local tallies, groups only with --by.
        let frTable = tables[fr]
        if !frTable.isEmpty {
            var met = 0
            var breached = 0
            ResponseTimes.forEachFirstResponse(store, columns, filter, range, extras: extras) { row, at in
                let t = frTable[Int(priority[row]) + 1]
                guard t > 0 else { return }
                let ok = elapsed(row, created[row], at) <= t
                if ok { met += 1 } else { breached += 1 }
                if grouping { countGroup(fr, row: row, agent: columns.firstReplyAgent[row], met: ok) }
            }
            summary[fr].met = met
            summary[fr].breached = breached
        }
        let nrTable = tables[nr]
        if !nrTable.isEmpty {
            var met = 0
            var breached = 0
            ResponseTimes.forEachReply(store, columns, extras, filter, range) { i in
                let row = Int(columns.sampleTicket[i])
                let t = nrTable[Int(priority[row]) + 1]
                guard t > 0 else { return }
                let d =
                    clockBusiness == nil
                    ? Int64(columns.sampleDuration[i])
                    : elapsed(row, ResponseTimes.replyStart(columns, i), columns.sampleEndAt(i))
                let ok = d <= t
                if ok { met += 1 } else { breached += 1 }
                if grouping { countGroup(nr, row: row, agent: columns.sampleAgent[i], met: ok) }
            }
            summary[nr].met = met
            summary[nr].breached = breached
        }
        func acceptsByAssignee(_ row: Int) -> Bool {
            if let a = filter.agent, store.ticketAgent[row] != a { return false }
            return filter.accepts(store, extras, row: row)
        }
        let resTable = tables[res]
        if !resTable.isEmpty {
            let seconds = ResponseTimes.secondsRange(range)
            let (lo, hi) = store.closedResolvedAt.withUnsafeBufferPointer { r in
                let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
                return (lo, lowerBound(r, seconds.upperBound, in: lo..<r.count))
            }
            let filtered = filter.agent != nil || filter.product != nil || filter.mailbox != nil || filter.priority != nil
            var met = 0
            var breached = 0
            for i in lo..<hi {
                let row = Int(store.closedRows[i])
                let t = resTable[Int(priority[row]) + 1]
                guard t > 0, !filtered || acceptsByAssignee(row) else { continue }
                let ok = elapsed(row, created[row], store.closedResolvedAt[i]) <= t
                if ok { met += 1 } else { breached += 1 }
                if grouping { countGroup(res, row: row, agent: store.ticketAgent[row], met: ok) }
            }
            summary[res].met = met
            summary[res].breached = breached
        }

        // Open tickets past a target now.
        let now = request.now
        var breaches: [OpenBreach] = []
        func breach(_ k: Int, row: Int, since: Int64) {
            let t = target(k, row)
            guard t > 0 else { return }
            let e = elapsed(row, since, now)
            guard e > t else { return }
            summary[k].breachedOpen += 1
            if by != nil {
                grouped[key(row: row, agent: store.ticketAgent[row]), default: [Counts](repeating: Counts(), count: 3)][k]
                    .breachedOpen += 1
            }
            guard listBreaches else { return }
            breaches.append(
                OpenBreach(
                    kind: SLATargets.Kind.ordered[k], ticketId: store.ticketIDs[row], row: row, since: since, elapsed: e,
                    target: t))
        }
        for r in store.openRows where acceptsByAssignee(Int(r)) {
            let row = Int(r)
            // No agent reply at all (as unanswered_now): a reply timed before created_at counts as one.
            if !tables[fr].isEmpty, columns.firstReplyAt[row] == ColumnarStore.null, columns.agentReplies[row] == 0 {
                breach(fr, row: row, since: store.ticketCreatedAt[row])
            }
            if !tables[res].isEmpty { breach(res, row: row, since: store.ticketCreatedAt[row]) }
        }
        if !tables[nr].isEmpty {
            for (r, since) in pendingReplyStart(store, columns) where acceptsByAssignee(Int(r)) {
                breach(nr, row: Int(r), since: since)
            }
        }
        breaches = sortedBreaches(breaches)

        var groups: [Group]?
        if let by {
            groups = grouped.map { k, counts in
                let (id, name) = ResponseTimes.identity(store, extras, by: by, key: k)
                var all: [SLATargets.Kind: Counts] = [:]
                for kind in kinds { all[kind] = counts[kind.rank] }
                return Group(by: by, id: id, name: name, counts: all)
            }
            .sorted { ResponseTimes.groupOrder(($0.id, $0.name), ($1.id, $1.name)) }
        }
        var byKind: [SLATargets.Kind: Counts] = [:]
        for kind in kinds { byKind[kind] = summary[kind.rank] }
        return Result(
            from: range.lowerBound, to: range.upperBound, clock: targets.clock, kinds: kinds, summary: byKind,
            groups: groups, openBreaches: breaches)
    }

    /// Oldest clock start first (then ticket id, then kind).
    static func sortedBreaches(_ breaches: [OpenBreach]) -> [OpenBreach] {
        breaches.sorted { ($0.since, $0.ticketId, $0.kind) < ($1.since, $1.ticketId, $1.kind) }
    }

    /// The open tickets whose reply clock runs now and when it started
    /// (``ResponseColumns/pendingRows``, kept to the open ones).
    static func pendingReplyStart(_ store: ColumnarStore, _ columns: ResponseColumns) -> [(row: Int32, since: Int64)] {
        var result: [(row: Int32, since: Int64)] = []
        for (k, row) in columns.pendingRows.enumerated() where store.ticketStatus[Int(row)] != TicketStatusCode.closed {
            result.append((row, columns.pendingSince[k]))
        }
        return result
    }
}
