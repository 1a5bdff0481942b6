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

    /// Per-ticket columns the store does not hold (kept in ``ReportColumns``).
    public typealias TicketExtras = FSColumnar.TicketExtras

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
        public var range: ClosedRange<Int64>? { ResponseTimes.dayRange(from: from, to: to, now: now) }
    }

    /// Days `from...to`, `to` defaulting to the day of `now` and `from` to `to − 30` (as the
    /// growth series); nil when `from` is after `to`. Shared by the reports beyond the plugin.
    static func dayRange(from: Int64?, to: Int64?, now: Int64) -> ClosedRange<Int64>? {
        let to = to ?? LocalTime.day(now)
        let from = from ?? (to - 30)
        return from <= to ? from...to : nil
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

    /// Computes the report from the loaded report columns; with `business`, every
    /// statistics block also in business seconds.
    /// - Throws: ``ReportError`` for a reversed range or unknown ids.
    public static func run(
        store: ColumnarStore, reports: ReportColumns, request: Request, business: BusinessTime? = nil
    ) throws -> Result {
        try run(
            Input(
                store: store, columns: reports.responses, extras: reports.tickets, differs: reports.storedDiffers,
                sketches: reports.sketches),
            request: request, business: business)
    }

    /// Computes the report from columns built by hand (the stored-FRT positions derived
    /// here from `storedFirstResponse`, per ticket row; nil when every one is NULL).
    /// - Throws: ``ReportError`` for a reversed range or unknown ids.
    public static func run(
        store: ColumnarStore, columns: ResponseColumns, extras: TicketExtras, storedFirstResponse: [Int32]? = nil,
        request: Request, business: BusinessTime? = nil
    ) throws -> Result {
        let reports = ReportColumns(
            responses: columns, history: CloseHistory(store: store, events: []), tickets: extras,
            storedFirstResponse: storedFirstResponse
                ?? [Int32](repeating: TicketExtras.nullSeconds, count: store.ticketCount),
            store: store)
        return try run(store: store, reports: reports, request: request, business: business)
    }

    static func run(_ input: Input, request: Request, business: BusinessTime? = nil) throws -> Result {
        let store = input.store
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        guard let range = request.range else {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today), to: LocalTime.formatDate(day: request.to ?? today))
        }
        let filter = try Filter(store: store, extras: input.extras, request: request)
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        // The series runs on the first-response block's thread, alongside the bigger reply block.
        let medians = Input.SeriesMedians()
        var summary = input.summary(filter, range) {
            medians.values = input.seriesMedians(filter, range, buckets)
        }
        if let business { addBusiness(&summary, input, filter, range, business) }
        var groups: [Group]?
        if let by = request.by {
            groups = self.groups(store, input.columns, input.extras, filter, range, by: by, business: business)
        }
        let series = zip(buckets.labels, medians.values ?? input.seriesMedians(filter, range, buckets)).map {
            label, median in (label: label, median: median)
        }
        var previous: Summary?
        if request.comparePrevious {
            let length = range.upperBound - range.lowerBound + 1
            let before = (range.lowerBound - length)...(range.lowerBound - 1)
            var earlier = input.summary(filter, before)
            if let business { addBusiness(&earlier, input, filter, before, business) }
            previous = earlier
        }
        return Result(
            from: range.lowerBound, to: range.upperBound, summary: summary, groups: groups, series: series,
            previous: previous)
    }

    /// The columns one run reads.
    struct Input {
        let store: ColumnarStore
        let columns: ResponseColumns
        let extras: TicketExtras
        /// ``ReportColumns/storedDiffers``.
        let differs: Column<Int32>
        let sketches: DurationSketches

        /// The summary. Unfiltered, every figure comes from contiguous slices: the first
        /// responses' and replies' durations (statistics without a sort), and counts by
        /// binary search in the unanswered rows and the stored-FRT positions.
        /// `alongside`, when given, runs once during the unfiltered summary (on the thread of
        /// the first-response block).
        func summary(
            _ filter: Filter, _ range: ClosedRange<Int64>, alongside: (@Sendable () -> Void)? = nil
        ) -> Summary {
            let seconds = secondsRange(range)
            let frt = columns.frtRange(seconds)
            let replies = columns.sampleRange(seconds)
            // Unanswered: created in range, no agent reply at all; the agent filter is the assignee.
            let (lo, hi) = store.ticketCreatedAt.withUnsafeBufferPointer { created in
                let lo = lowerBound(created, seconds.lowerBound, in: 0..<created.count)
                return (lo, lowerBound(created, seconds.upperBound, in: lo..<created.count))
            }
            let (ulo, uhi) = columns.unanswered.withUnsafeBufferPointer { u in
                (Self.position(u, Int32(lo)), Self.position(u, Int32(hi)))
            }
            let closed = TicketStatusCode.closed
            if filter.isEmpty {
                // The two blocks are independent: one thread each when they are big (a
                // second thread pays only from half a million values: below, the sketch
                // blocks take tens of microseconds, about what waking a thread costs). The
                // unanswered tickets still open are counted at load.
                let blocks = Parallel.map(2, concurrently: frt.count + replies.count > 500_000) { i in
                    if i == 1 {
                        // The longest block also takes the other core when it is free.
                        return (Self.stats(columns.sampleDuration, replies, sketches.reply, cores: 2), 0)
                    }
                    let first = Self.stats(columns.frtDuration, frt, sketches.firstResponse)
                    alongside?()
                    return (first, columns.unansweredOpen)
                }
                let (firstResponse, open) = blocks[0]
                let replyTime = blocks[1].0
                let differing = differs.withUnsafeBufferPointer { d in
                    Self.position(d, Int32(frt.upperBound)) - Self.position(d, Int32(frt.lowerBound))
                }
                return Summary(
                    firstResponse: firstResponse, replyTime: replyTime, unanswered: uhi - ulo, unansweredNow: open,
                    storedDiffers: differing)
            }
            var frtValues: [Int32] = []
            forEachFirstResponse(store, columns, filter, range, extras: extras) { row, at in
                frtValues.append(Int32(clamping: at - store.ticketCreatedAt[row]))
            }
            var differing = 0
            let first = differs.withUnsafeBufferPointer { Self.position($0, Int32(frt.lowerBound)) }
            for k in first..<differs.count {
                let position = Int(differs[k])
                guard position < frt.upperBound else { break }
                let row = Int(columns.frtRows[position])
                if let a = filter.agent, columns.firstReplyAgent[row] != a { continue }
                if filter.accepts(store, extras, row: row) { differing += 1 }
            }
            var replyValues: [Int32] = []
            forEachReply(store, columns, extras, filter, range) { replyValues.append(columns.sampleDuration[$0]) }
            var unanswered = 0
            var unansweredNow = 0
            for k in 0..<columns.unanswered.count {
                let row = Int(columns.unanswered[k])
                if let a = filter.agent, store.ticketAgent[row] != a { continue }
                guard filter.accepts(store, extras, row: row) else { continue }
                if k >= ulo && k < uhi { unanswered += 1 }
                if store.ticketStatus[row] != closed { unansweredNow += 1 }
            }
            return Summary(
                firstResponse: frtValues.withUnsafeBufferPointer { DurationStats(durations: $0) },
                replyTime: replyValues.withUnsafeBufferPointer { DurationStats(durations: $0) }, unanswered: unanswered,
                unansweredNow: unansweredNow, storedDiffers: differing)
        }

        /// The median FRT of each bucket. First responses are in time order, so unfiltered
        /// each bucket of consecutive days (or hours of one day) is one slice of durations.
        func seriesMedians(_ filter: Filter, _ range: ClosedRange<Int64>, _ buckets: Buckets) -> [Int64?] {
            if filter.isEmpty, let bounds = buckets.contiguousSeconds {
                // Days: the day's two middle values are kept (``DayMiddles``), the median is
                // their interpolation; longer buckets select from their slice.
                let days = buckets.interval == .day && sketches.frtDays.describes(columns) ? sketches.frtDays : nil
                return columns.frtDuration.withUnsafeBufferPointer { d in
                    zip(bounds, columns.frtRanges(bounds)).map { seconds, slice -> Int64? in
                        guard !slice.isEmpty else { return nil }
                        if let (a, b) = days?.middles(day: LocalTime.day(seconds.lowerBound)) {
                            return DurationStats.interpolate(n: slice.count, tenths: 5, Int64(a), Int64(b))
                        }
                        return DurationStats.quantile(column: d, range: slice, sketch: sketches.firstResponse, tenths: 5)
                    }
                }
            }
            var perBucket = [[Int32]](repeating: [], count: buckets.count)
            forEachFirstResponse(store, columns, filter, range, extras: extras) { row, at in
                perBucket[buckets.index(of: at)].append(Int32(clamping: at - store.ticketCreatedAt[row]))
            }
            return perBucket.map { values in
                values.isEmpty ? nil : values.withUnsafeBufferPointer { DurationStats.quantile(durations: $0, tenths: 5) }
            }
        }

        /// The series medians computed alongside ``summary(_:_:alongside:)`` (written once, read after).
        final class SeriesMedians: @unchecked Sendable {
            var values: [Int64?]?
        }

        static func stats(_ column: Column<Int32>, _ slice: Range<Int>, _ sketch: DurationSketch, cores: Int = 1)
            -> DurationStats
        {
            column.withUnsafeBufferPointer { DurationStats(column: $0, range: slice, sketch: sketch, cores: cores) }
        }

        static func position(_ sorted: UnsafeBufferPointer<Int32>, _ value: Int32) -> Int {
            var low = 0
            var count = sorted.count
            while count > 0 {
                let half = count >> 1
                if sorted[low + half] < value {
                    low += half + 1
                    count -= half + 1
                } else {
                    count = half
                }
            }
            return low
        }
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

        var isEmpty: Bool { agent == nil && product == nil && mailbox == nil && priority == nil }

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

    /// The business-seconds blocks of a summary (one business-time call per sample).
    static func addBusiness(
        _ summary: inout Summary, _ input: Input, _ filter: Filter, _ range: ClosedRange<Int64>, _ business: BusinessTime
    ) {
        let (store, columns) = (input.store, input.columns)
        var frt: [Int64] = []
        forEachFirstResponse(store, columns, filter, range, extras: input.extras) { row, at in
            frt.append(business.seconds(store, row: row, from: store.ticketCreatedAt[row], to: at))
        }
        var reply: [Int64] = []
        forEachReply(store, columns, input.extras, filter, range) { i in
            reply.append(
                business.seconds(
                    store, row: Int(columns.sampleTicket[i]), from: replyStart(columns, i), to: columns.sampleEndAt(i)))
        }
        summary.firstResponseBusiness = DurationStats(frt)
        summary.replyTimeBusiness = DurationStats(reply)
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

extension Buckets {
    /// Each bucket's span in site-local seconds when every bucket is one run of
    /// consecutive time (days, weeks, months; hours of a one-day range); nil for hours
    /// over several days, where the same hour of every day shares a bucket.
    public var contiguousSeconds: [Range<Int64>]? {
        let day = LocalTime.secondsPerDay
        if interval == .hour {
            guard from == to else { return nil }
            return (0..<24).map { h in (from * day + Int64(h) * 3600)..<(from * day + Int64(h + 1) * 3600) }
        }
        var spans: [Range<Int64>] = []
        var start = from
        for d in from...to where d == to || dayBucket[Int(d + 1 - from)] != dayBucket[Int(d - from)] {
            spans.append((start * day)..<((d + 1) * day))
            start = d + 1
        }
        return spans.count == count ? spans : nil
    }
}
