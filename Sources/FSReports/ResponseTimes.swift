import FSColumnar
import FSSnapshot

/// `fsreport report response-times` (SEMANTICS.md, "First response time" and "Reply
/// time"): statistics blocks of first response and reply time over a date range, the
/// unanswered counts, the stored-FRT cross-check, groups and a median-FRT series.
public enum ResponseTimes {
    /// What a breakdown groups by.
    public enum Dimension: String, CaseIterable, Sendable {
        case agent, mailbox, product, priority
    }

    /// Per-ticket columns the store does not hold, read from the snapshot's tickets.
    public struct TicketExtras: Sendable, Equatable {
        /// Index into ``priorityNames`` per ticket row, -1 for NULL (at most 32767 names).
        public var priority: [Int16]
        public var priorityNames: [String]
        /// Stored `first_response_time` per ticket row (``nullSeconds`` for NULL; clamped to 32 bits).
        public var storedFirstResponse: [Int32]
        public static let nullSeconds = Int32.min

        public init(priority: [Int16], priorityNames: [String], storedFirstResponse: [Int32]) {
            self.priority = priority
            self.priorityNames = priorityNames
            self.storedFirstResponse = storedFirstResponse
        }

        public var byteCount: Int { priority.count * 2 + storedFirstResponse.count * 4 }

        /// Reads `priority` and `first_response_time` of every ticket and places them at the store's rows.
        public static func read(_ snapshot: Snapshot, store: ColumnarStore) throws -> TicketExtras {
            var rowOf: [Int64: Int32] = [:]
            rowOf.reserveCapacity(store.ticketCount)
            for (row, id) in store.ticketIDs.enumerated() { rowOf[id] = Int32(row) }
            var priority = [Int16](repeating: -1, count: store.ticketCount)
            var stored = [Int32](repeating: nullSeconds, count: store.ticketCount)
            var names: [String] = []
            var codes: [String: Int16] = [:]
            try snapshot.forEachTicket { t in
                guard let row = rowOf[t.id] else { return }
                if let p = t.priority {
                    let code = codes[p] ?? Int16(clamping: names.count)
                    if code == Int16(clamping: names.count), code < .max {
                        names.append(p)
                        codes[p] = code
                    }
                    priority[Int(row)] = code
                }
                if let f = t.firstResponseTime { stored[Int(row)] = Int32(clamping: f) }
            }
            return TicketExtras(priority: priority, priorityNames: names, storedFirstResponse: stored)
        }
    }

    /// The request: days are ``LocalTime`` day numbers, inclusive.
    public struct Request: Sendable, Equatable {
        public var from: Int64?
        public var to: Int64?
        public var agentId: Int64?
        public var productId: Int64?
        public var mailboxId: Int64?
        public var priority: String?
        public var by: Dimension?
        public var comparePrevious: Bool
        public var interval: Interval
        public var now: Int64

        public init(
            from: Int64? = nil, to: Int64? = nil, agentId: Int64? = nil, productId: Int64? = nil, mailboxId: Int64? = nil,
            priority: String? = nil, by: Dimension? = nil, comparePrevious: Bool = false, interval: Interval = .auto,
            now: Int64
        ) {
            self.from = from
            self.to = to
            self.agentId = agentId
            self.productId = productId
            self.mailboxId = mailboxId
            self.priority = priority
            self.by = by
            self.comparePrevious = comparePrevious
            self.interval = interval
            self.now = now
        }

        /// The day range: `to` defaults to today and `from` to `to − 30`, as growth series.
        public var range: ClosedRange<Int64>? {
            let to = self.to ?? LocalTime.day(now)
            let from = self.from ?? (to - 30)
            return from <= to ? from...to : nil
        }
    }

    public struct Summary: Sendable, Equatable {
        public var firstResponse: DurationStats
        public var replyTime: DurationStats
        public var unanswered: Int
        public var unansweredNow: Int
        public var storedDiffers: Int
        /// The same samples in business seconds; nil without a schedule.
        public var firstResponseBusiness: DurationStats? = nil
        public var replyTimeBusiness: DurationStats? = nil
    }

    public struct Group: Sendable, Equatable {
        public var by: Dimension
        /// The agent's, mailbox's or product's id; nil for tickets without one (and for priorities).
        public var id: Int64?
        public var name: String
        public var firstResponse: DurationStats
        public var replyTime: DurationStats
        public var firstResponseBusiness: DurationStats? = nil
        public var replyTimeBusiness: DurationStats? = nil
    }

    public struct Result: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
        public var summary: Summary
        public var groups: [Group]?
        /// Labels of the growth reports over the range, with the median FRT of each bucket.
        public var series: [(label: String, median: Int64?)]
        /// The same summary over the preceding period of equal length (`--compare previous`).
        public var previous: Summary?

        public static func == (a: Result, b: Result) -> Bool {
            a.from == b.from && a.to == b.to && a.summary == b.summary && a.groups == b.groups
                && a.series.map(\.label) == b.series.map(\.label) && a.series.map(\.median) == b.series.map(\.median)
                && a.previous == b.previous
        }
    }

    /// Computes the report; with `business`, every statistics block also in business seconds.
    /// - Throws: ``ReportError`` for a reversed range or unknown ids.
    public static func run(
        store: ColumnarStore, columns: ResponseColumns, extras: TicketExtras, request: Request,
        business: BusinessTime? = nil
    ) throws -> Result {
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        guard let range = request.range else {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today), to: LocalTime.formatDate(day: request.to ?? today))
        }
        let filter = try Filter(store: store, extras: extras, request: request)
        let summary = self.summary(store, columns, extras, filter, range, business: business)
        var groups: [Group]?
        if let by = request.by {
            groups = self.groups(store, columns, extras, filter, range, by: by, business: business)
        }
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        var perBucket = [[Int64]](repeating: [], count: buckets.count)
        forEachFirstResponse(store, columns, filter, range) { row, at in
            perBucket[buckets.index(of: at)].append(at - store.ticketCreatedAt[row])
        }
        let series = zip(buckets.labels, perBucket).map { label, values in
            (label: label, median: DurationStats(values).median)
        }
        var previous: Summary?
        if request.comparePrevious {
            let length = range.upperBound - range.lowerBound + 1
            let before = (range.lowerBound - length)...(range.lowerBound - 1)
            previous = self.summary(store, columns, extras, filter, before, business: business)
        }
        return Result(
            from: range.lowerBound, to: range.upperBound, summary: summary, groups: groups, series: series,
            previous: previous)
    }

    // MARK: Kernels

    struct Filter {
        var agent: Int32?
        var product: Int32?
        var mailbox: Int32?
        var priority: Int16?

        init(store: ColumnarStore, extras: TicketExtras, request: Request) throws {
            if let id = request.agentId {
                guard let a = store.personIndex(id: id), store.personIsAgent[Int(a)] else {
                    throw ReportError.unknownAgent(id: id)
                }
                agent = a
            }
            if let id = request.productId {
                guard let p = store.productIndex(id: id) else { throw ReportError.unknownProduct(id: id) }
                product = p
            }
            if let id = request.mailboxId {
                guard let m = store.mailboxIndex(id: id) else { throw ReportError.unknownMailbox(id: id) }
                mailbox = m
            }
            if let p = request.priority {
                guard let code = extras.priorityNames.firstIndex(of: p) else {
                    throw ReportError.unknownPriority(name: p, known: extras.priorityNames)
                }
                priority = Int16(code)
            }
        }

        /// Whether the ticket of `row` passes the ticket filters (not the agent).
        @inline(__always)
        func accepts(_ store: ColumnarStore, _ extras: TicketExtras, row: Int) -> Bool {
            if let product, store.ticketProduct[row] != product { return false }
            if let mailbox, store.ticketMailbox[row] != mailbox { return false }
            if let priority, extras.priority[row] != priority { return false }
            return true
        }
    }

    static func secondsRange(_ days: ClosedRange<Int64>) -> Range<Int64> {
        (days.lowerBound * LocalTime.secondsPerDay)..<((days.upperBound + 1) * LocalTime.secondsPerDay)
    }

    /// Calls `body(row, firstReplyAt)` for each ticket whose first reply is in range and passes the filter.
    static func forEachFirstResponse(
        _ store: ColumnarStore, _ columns: ResponseColumns, _ filter: Filter, _ range: ClosedRange<Int64>,
        extras: TicketExtras? = nil, _ body: (Int, Int64) -> Void
    ) {
        let seconds = secondsRange(range)
        for i in columns.frtRange(seconds) {
            let row = Int(columns.frtRows[i])
            if let a = filter.agent, columns.firstReplyAgent[row] != a { continue }
            if filter.product != nil || filter.mailbox != nil || filter.priority != nil {
                if let p = filter.product, store.ticketProduct[row] != p { continue }
                if let m = filter.mailbox, store.ticketMailbox[row] != m { continue }
                if let extras, let p = filter.priority, extras.priority[row] != p { continue }
            }
            body(row, columns.firstReplyAt[row])
        }
    }

    /// Reply samples (index into the sample arrays) ending in range that pass the filter.
    static func forEachReply(
        _ store: ColumnarStore, _ columns: ResponseColumns, _ extras: TicketExtras, _ filter: Filter,
        _ range: ClosedRange<Int64>, _ body: (Int) -> Void
    ) {
        let seconds = secondsRange(range)
        for i in columns.sampleRange(seconds) {
            if let a = filter.agent, columns.sampleAgent[i] != a { continue }
            if !filter.accepts(store, extras, row: Int(columns.sampleTicket[i])) { continue }
            body(i)
        }
    }

    /// Start of reply sample `i` (its end minus its duration).
    @inline(__always)
    static func replyStart(_ columns: ResponseColumns, _ i: Int) -> Int64 {
        columns.sampleEndAt(i) - Int64(columns.sampleDuration[i])
    }

    static func summary(
        _ store: ColumnarStore, _ columns: ResponseColumns, _ extras: TicketExtras, _ filter: Filter,
        _ range: ClosedRange<Int64>, business: BusinessTime? = nil
    ) -> Summary {
        var frt: [Int64] = []
        var frtBusiness: [Int64] = []
        var differs = 0
        forEachFirstResponse(store, columns, filter, range, extras: extras) { row, at in
            let created = store.ticketCreatedAt[row]
            let ours = at - created
            frt.append(ours)
            if let business { frtBusiness.append(business.seconds(store, row: row, from: created, to: at)) }
            let stored = extras.storedFirstResponse[row]
            if stored != TicketExtras.nullSeconds, abs(Int64(stored) - ours) > 60 { differs += 1 }
        }
        var reply: [Int64] = []
        var replyBusiness: [Int64] = []
        forEachReply(store, columns, extras, filter, range) { i in
            reply.append(Int64(columns.sampleDuration[i]))
            if let business {
                replyBusiness.append(
                    business.seconds(
                        store, row: Int(columns.sampleTicket[i]), from: replyStart(columns, i), to: columns.sampleEndAt(i)))
            }
        }
        // Unanswered: created in range, no agent reply at all; the agent filter is the assignee.
        let seconds = secondsRange(range)
        let (lo, hi) = store.ticketCreatedAt.withUnsafeBufferPointer { created in
            let lo = lowerBound(created, seconds.lowerBound, in: 0..<created.count)
            return (lo, lowerBound(created, seconds.upperBound, in: lo..<created.count))
        }
        var unanswered = 0
        var unansweredNow = 0
        for row in 0..<store.ticketCount where columns.agentReplies[row] == 0 {
            if let a = filter.agent, store.ticketAgent[row] != a { continue }
            guard filter.accepts(store, extras, row: row) else { continue }
            if row >= lo && row < hi { unanswered += 1 }
            if store.ticketStatus[row] != TicketStatusCode.closed { unansweredNow += 1 }
        }
        return Summary(
            firstResponse: DurationStats(frt), replyTime: DurationStats(reply), unanswered: unanswered,
            unansweredNow: unansweredNow, storedDiffers: differs,
            firstResponseBusiness: business.map { _ in DurationStats(frtBusiness) },
            replyTimeBusiness: business.map { _ in DurationStats(replyBusiness) })
    }

    static func groups(
        _ store: ColumnarStore, _ columns: ResponseColumns, _ extras: TicketExtras, _ filter: Filter,
        _ range: ClosedRange<Int64>, by: Dimension, business: BusinessTime? = nil
    ) -> [Group] {
        // Group key per sample: agent person index, mailbox / product / priority code; -1 none.
        func key(row: Int, agent: Int32) -> Int32 {
            switch by {
            case .agent: return agent
            case .mailbox: return store.ticketMailbox[row] < 0 ? -1 : store.ticketMailbox[row]
            case .product: return store.ticketProduct[row] < 0 ? -1 : store.ticketProduct[row]
            case .priority: return Int32(extras.priority[row])
            }
        }
        var frt: [Int32: [Int64]] = [:]
        var reply: [Int32: [Int64]] = [:]
        var frtBusiness: [Int32: [Int64]] = [:]
        var replyBusiness: [Int32: [Int64]] = [:]
        forEachFirstResponse(store, columns, filter, range, extras: extras) { row, at in
            let k = key(row: row, agent: columns.firstReplyAgent[row])
            let created = store.ticketCreatedAt[row]
            frt[k, default: []].append(at - created)
            if let business { frtBusiness[k, default: []].append(business.seconds(store, row: row, from: created, to: at)) }
        }
        forEachReply(store, columns, extras, filter, range) { i in
            let row = Int(columns.sampleTicket[i])
            let k = key(row: row, agent: columns.sampleAgent[i])
            reply[k, default: []].append(Int64(columns.sampleDuration[i]))
            if let business {
                replyBusiness[k, default: []].append(
                    business.seconds(store, row: row, from: replyStart(columns, i), to: columns.sampleEndAt(i)))
            }
        }
        let keys = Set(frt.keys).union(reply.keys)
        return keys.map { k -> Group in
            let (id, name) = identity(store, extras, by: by, key: k)
            return Group(
                by: by, id: id, name: name, firstResponse: DurationStats(frt[k] ?? []),
                replyTime: DurationStats(reply[k] ?? []),
                firstResponseBusiness: business.map { _ in DurationStats(frtBusiness[k] ?? []) },
                replyTimeBusiness: business.map { _ in DurationStats(replyBusiness[k] ?? []) })
        }
        .sorted { groupOrder(($0.id, $0.name), ($1.id, $1.name)) }
    }

    /// The id and display name of a group key (-1: tickets without one, "(none)").
    static func identity(_ store: ColumnarStore, _ extras: TicketExtras, by: Dimension, key k: Int32) -> (
        id: Int64?, name: String
    ) {
        guard k >= 0 else { return (nil, "(none)") }
        switch by {
        case .agent:
            let p = Int(k)
            let name = [store.personFirstName[p], store.personLastName[p]].compactMap { $0 }.joined(separator: " ")
            return (store.personIDs[p], name)
        case .mailbox: return (store.mailboxIDs[Int(k)], store.mailboxNames[Int(k)])
        case .product: return (store.productIDs[Int(k)], store.productNames[Int(k)])
        case .priority: return (nil, extras.priorityNames[Int(k)])
        }
    }

    /// By id (agents, mailboxes, products) or name (priorities); "(none)" last.
    static func groupOrder(_ a: (id: Int64?, name: String), _ b: (id: Int64?, name: String)) -> Bool {
        switch (a.id, b.id) {
        case (let x?, let y?): return x < y
        case (nil, nil):
            if (a.name == "(none)") != (b.name == "(none)") { return b.name == "(none)" }
            return a.name < b.name
        case (nil, _): return false
        case (_, nil): return true
        }
    }
}
