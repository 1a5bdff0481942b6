import FSColumnar
import FSSnapshot

/// `fsreport report resolution-times` (SEMANTICS.md, "Resolution time"): full and first
/// resolution blocks, replies per resolved ticket, one/zero-touch, reopens, and the
/// weakest history source the cohort needed.
///
/// The cohort is the closed tickets whose `resolved_at` is in range (resolve-growth's);
/// `--agent` and `--by agent` use the current assignee, as resolve-growth does.
public enum ResolutionTimes {
    /// Replies per resolved ticket: mean and median in hundredths, and ticket counts.
    public struct ReplyCounts: Sendable, Equatable {
        /// Mean × 100, rounded halves up; nil when the cohort is empty.
        public var meanHundredths: Int64?
        /// R-7 median × 100, rounded halves up; nil when the cohort is empty.
        public var medianHundredths: Int64?
        /// Tickets with 0, 1, 2 and 3 or more.
        public var counts: [Int]

        init(_ values: [Int64]) {
            var counts = [0, 0, 0, 0]
            for v in values { counts[Int(min(v, 3))] += 1 }
            self.counts = counts
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return }
            meanHundredths = DurationStats.roundedQuotient(100 * sorted.reduce(0, +), Int64(sorted.count))
            medianHundredths = DurationStats.quantile(sorted.map { $0 * 100 }, tenths: 5)
        }
    }

    public struct Summary: Sendable, Equatable {
        public var closed: Int
        public var full: DurationStats
        public var first: DurationStats
        public var agentReplies: ReplyCounts
        public var customerMessages: ReplyCounts
        public var oneTouch: Int
        public var zeroTouch: Int
        public var reopened: Int
        public var reopenEvents: Int
        public var closeToReopenMedian: Int64?
        public var history: CloseHistory.Source
        /// `full` and `first` in business seconds; nil without a schedule.
        public var fullBusiness: DurationStats? = nil
        public var firstBusiness: DurationStats? = nil
    }

    public struct Group: Sendable, Equatable {
        public var by: ResponseTimes.Dimension
        public var id: Int64?
        public var name: String
        public var closed: Int
        public var full: DurationStats
        public var first: DurationStats
        public var fullBusiness: DurationStats? = nil
        public var firstBusiness: DurationStats? = nil
    }

    public struct Result: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
        public var summary: Summary
        public var groups: [Group]?
        public var previous: Summary?
    }

    /// Computes the report from the loaded report columns; with `business`, `full` and
    /// `first` also in business seconds.
    /// ``SLAColumns/closedDuration`` (aligned with the closed list) and its sketch.
    typealias Resolutions = (values: Column<Int32>, sketch: DurationSketch)
    /// The first resolutions by day and their sketch (empty when not built: statistics then
    /// take the slice's values).
    typealias FirstResolutionColumn = (values: FirstResolutions, sketch: DurationSketch)

    public static func run(
        store: ColumnarStore, reports: ReportColumns, request: ResponseTimes.Request, business: BusinessTime? = nil
    ) throws -> Result {
        // The resolution column of the closed list and its sketch, when they describe this store.
        let closed = reports.sla.closedDuration
        let resolutions =
            reports.sla.fits(store, reports.responses) && reports.sketches.resolution.describes(count: closed.count)
            ? (closed, reports.sketches.resolution) : nil
        let tallies = reports.tallies.describes(count: store.closedRows.count) ? reports.tallies : nil
        return try run(
            store: store, replies: reports.responses, history: reports.history, extras: reports.tickets, request: request,
            business: business, resolutions: resolutions,
            firstResolutions: (reports.firstResolutions, reports.sketches.firstResolution),
            reopenSketch: reports.sketches.reopen, tallies: tallies)
    }

    public static func run(
        store: ColumnarStore, replies: ResponseColumns, history: CloseHistory, extras: ResponseTimes.TicketExtras,
        request: ResponseTimes.Request, business: BusinessTime? = nil
    ) throws -> Result {
        try run(
            store: store, replies: replies, history: history, extras: extras, request: request, business: business,
            resolutions: nil, firstResolutions: (FirstResolutions(history: history, store: store), DurationSketch()),
            reopenSketch: DurationSketch(), tallies: nil)
    }

    static func run(
        store: ColumnarStore, replies: ResponseColumns, history: CloseHistory, extras: ResponseTimes.TicketExtras,
        request: ResponseTimes.Request, business: BusinessTime?,
        resolutions: Resolutions?, firstResolutions: FirstResolutionColumn, reopenSketch: DurationSketch,
        tallies: CohortTallies?
    ) throws -> Result {
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        guard let range = request.range else {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today), to: LocalTime.formatDate(day: request.to ?? today))
        }
        let filter = try ResponseTimes.Filter(store: store, extras: extras, request: request)
        let input = Input(
            store: store, replies: replies, history: history, extras: extras, filter: filter, business: business,
            resolutions: resolutions, firstResolutions: firstResolutions, reopenSketch: reopenSketch, tallies: tallies)
        var groups: [Group]?
        if let by = request.by { groups = input.groups(range, by: by) }
        var previous: Summary?
        if request.comparePrevious {
            let length = range.upperBound - range.lowerBound + 1
            previous = input.summary((range.lowerBound - length)...(range.lowerBound - 1))
        }
        return Result(
            from: range.lowerBound, to: range.upperBound, summary: input.summary(range), groups: groups, previous: previous)
    }

    struct Input {
        let store: ColumnarStore
        let replies: ResponseColumns
        let history: CloseHistory
        let extras: ResponseTimes.TicketExtras
        let filter: ResponseTimes.Filter
        let business: BusinessTime?
        /// ``SLAColumns/closedDuration`` (aligned with the closed list) and its sketch, or nil.
        let resolutions: Resolutions?
        /// The first resolutions by day and their sketch.
        let firstResolutions: FirstResolutionColumn
        /// The sketch of ``CloseHistory/reopenSinceClose`` (empty when not built).
        let reopenSketch: DurationSketch
        /// The closed list's block tallies, or nil.
        let tallies: CohortTallies?

        /// Full resolution of a closed row, in business seconds.
        func fullBusiness(_ row: Int) -> Int64 {
            business!.seconds(store, row: row, from: store.ticketCreatedAt[row], to: store.ticketResolvedAt[row])
        }

        func firstBusiness(_ row: Int) -> Int64 {
            business!.seconds(store, row: row, from: store.ticketCreatedAt[row], to: history.firstClose[row])
        }

        func accepts(_ row: Int) -> Bool {
            if let a = filter.agent, store.ticketAgent[row] != a { return false }
            return filter.accepts(store, extras, row: row)
        }

        /// Rows of the full-resolution cohort: closed, `resolved_at` in range, passing the filter.
        func cohort(_ range: ClosedRange<Int64>) -> [Int] {
            let seconds = ResponseTimes.secondsRange(range)
            let (lo, hi) = store.closedResolvedAt.withUnsafeBufferPointer { r in
                let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
                return (lo, lowerBound(r, seconds.upperBound, in: lo..<r.count))
            }
            return (lo..<hi).map { Int(store.closedRows[$0]) }.filter(accepts)
        }

        /// Rows whose first close is in range, passing the filter.
        func firstCloses(_ range: ClosedRange<Int64>) -> [Int] {
            let seconds = ResponseTimes.secondsRange(range)
            return (0..<store.ticketCount).filter { row in
                let c = history.firstClose[row]
                return c != ColumnarStore.null && seconds.contains(c) && accepts(row)
            }
        }

        func summary(_ range: ClosedRange<Int64>) -> Summary {
            // The one-pass path computes no business blocks.
            if filter.isEmpty && business == nil { return unfilteredSummary(range) }
            let rows = cohort(range)
            let firstRows = firstCloses(range)
            let full = rows.map { store.ticketResolvedAt[$0] - store.ticketCreatedAt[$0] }
            let first = firstRows.map { history.firstClose[$0] - store.ticketCreatedAt[$0] }
            let agent = rows.map { Int64(replies.agentReplies[$0]) }
            let customer = rows.map { Int64(replies.customerMessages[$0]) }
            let seconds = ResponseTimes.secondsRange(range)
            let events = history.reopenAt.range(seconds).filter { accepts(Int(history.reopenRow[$0])) }
            return Summary(
                closed: rows.count, full: DurationStats(full), first: DurationStats(first),
                agentReplies: ReplyCounts(agent), customerMessages: ReplyCounts(customer),
                oneTouch: rows.filter { replies.agentReplies[$0] == 1 && history.reopens[$0] == 0 }.count,
                zeroTouch: rows.filter { replies.agentReplies[$0] == 0 }.count,
                reopened: rows.filter { history.reopens[$0] > 0 }.count, reopenEvents: events.count,
                closeToReopenMedian: DurationStats(events.map { Int64(history.reopenSinceClose[$0]) }).median,
                history: rows.map { history.source[$0] }.max() ?? .activities,
                fullBusiness: business.map { _ in DurationStats(rows.map(fullBusiness)) },
                firstBusiness: business.map { _ in DurationStats(firstRows.map(firstBusiness)) })
        }

        func groups(_ range: ClosedRange<Int64>, by: ResponseTimes.Dimension) -> [Group] {
            func key(_ row: Int) -> Int32 {
                switch by {
                case .agent: return store.ticketAgent[row] < 0 ? -1 : store.ticketAgent[row]
                case .mailbox: return store.ticketMailbox[row] < 0 ? -1 : store.ticketMailbox[row]
                case .product: return store.ticketProduct[row] < 0 ? -1 : store.ticketProduct[row]
                case .priority: return Int32(extras.priority[row])
                }
            }
            let full = Dictionary(grouping: cohort(range), by: key)
            let first = Dictionary(grouping: firstCloses(range), by: key)
            return Set(full.keys).union(first.keys).map { k -> Group in
                let (id, name) = ResponseTimes.identity(store, extras, by: by, key: k)
                let f = full[k] ?? []
                let fc = first[k] ?? []
                return Group(
                    by: by, id: id, name: name, closed: f.count,
                    full: DurationStats(f.map { store.ticketResolvedAt[$0] - store.ticketCreatedAt[$0] }),
                    first: DurationStats(fc.map { history.firstClose[$0] - store.ticketCreatedAt[$0] }),
                    fullBusiness: business.map { _ in DurationStats(f.map(fullBusiness)) },
                    firstBusiness: business.map { _ in DurationStats(fc.map(firstBusiness)) })
            }
            .sorted { ResponseTimes.groupOrder(($0.id, $0.name), ($1.id, $1.name)) }
        }
    }
}
