import FSColumnar
import FSSnapshot

/// `fsreport report backlog` (SEMANTICS.md, "Backlog"): tickets open at the end of each
/// day from the open intervals of ``CloseHistory``, with the day's inflow (created),
/// outflow (every close) and reopens, and the aging of open and waiting tickets now.
///
/// Edge rules (the README's Definitions say the same):
/// - `open(d)` counts the tickets with an interval holding `d 23:59:59`: a close at
///   23:59:59 is that day's outflow and the ticket is no longer open at the end of it; an
///   event at 00:00:00 belongs to its own day.
/// - A close or reopen logged before the ticket's `created_at` counts at `created_at`, so
///   a ticket is never open before it exists.
/// - A closed ticket with no close or reopen event closes at its `resolved_at` (raised to
///   `created_at` when earlier); with no `resolved_at` either, at `created_at`.
/// - A ticket created and closed on one day counts in both `created` and `closed` of the
///   day and in no `open(d)`.
/// - Deleted tickets are not in the snapshot: they count nowhere, past days included.
/// - Filters are the ticket's current assignee, product and mailbox, for all its events.
///
/// These make `open(d) − open(d − 1) = created(d) − closed(d) + reopened(d)` hold exactly.
///
/// - Complexity: the open count before the range by binary search (no filter) or one pass
///   over the shorter side (events before the range, or after it plus the tickets open at
///   the end of the history); then one pass over the range's events, per-day boundaries
///   found by binary search. Aging is one pass over the open tickets.
public enum Backlog {
    /// The aging bucket labels, lower bound inclusive.
    public static let ageBuckets = ["0-1d", "1-3d", "3-7d", "7-30d", "30d+"]

    /// The request: days are ``LocalTime`` day numbers, inclusive.
    public struct Request: Sendable, Equatable {
        public var from: Int64?
        public var to: Int64?
        public var agentId: Int64?
        public var productId: Int64?
        public var mailboxId: Int64?
        public var now: Int64

        public init(
            from: Int64? = nil, to: Int64? = nil, agentId: Int64? = nil, productId: Int64? = nil, mailboxId: Int64? = nil,
            now: Int64
        ) {
            self.from = from
            self.to = to
            self.agentId = agentId
            self.productId = productId
            self.mailboxId = mailboxId
            self.now = now
        }

        /// `to` defaults to today and `from` to `to − 30`, as the growth series.
        public var range: ClosedRange<Int64>? { ResponseTimes.dayRange(from: from, to: to, now: now) }
    }

    /// One day of the series.
    public struct Day: Sendable, Equatable {
        public var day: Int64
        /// Tickets open at 23:59:59 of the day.
        public var open: Int
        public var created: Int
        public var closed: Int
        public var reopened: Int

        public init(day: Int64, open: Int, created: Int, closed: Int, reopened: Int) {
            self.day = day
            self.open = open
            self.created = created
            self.closed = closed
            self.reopened = reopened
        }
    }

    public struct Result: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
        public var days: [Day]
        /// Open tickets now (status not closed) per ``ageBuckets`` entry of `now − created_at`.
        public var agingOpen: [Int]
        /// Waiting tickets now (the agents-summary rule) per bucket of `now − waiting_since`.
        public var agingWaiting: [Int]

        public init(from: Int64, to: Int64, days: [Day], agingOpen: [Int], agingWaiting: [Int]) {
            self.from = from
            self.to = to
            self.days = days
            self.agingOpen = agingOpen
            self.agingWaiting = agingWaiting
        }
    }

    /// Computes the report.
    /// - Throws: ``ReportError`` for a reversed range or an unknown agent, product or mailbox.
    public static func run(store: ColumnarStore, history: CloseHistory, request: Request) throws -> Result {
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        guard let range = request.range else {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today), to: LocalTime.formatDate(day: request.to ?? today))
        }
        if let id = request.agentId {
            guard let a = store.personIndex(id: id), store.personIsAgent[Int(a)] else { throw ReportError.unknownAgent(id: id) }
        }
        if let id = request.productId, store.productIndex(id: id) == nil { throw ReportError.unknownProduct(id: id) }
        if let id = request.mailboxId, store.mailboxIndex(id: id) == nil { throw ReportError.unknownMailbox(id: id) }
        let filter = Reports.TicketFilter(
            store, ReportRequest(agentId: request.agentId, productId: request.productId, mailboxId: request.mailboxId, now: 0))
        let days = Reports.TicketColumns.with(store) { columns in
            series(store, history, filter, columns, range)
        }
        let (open, waiting) = Reports.TicketColumns.with(store) { columns in
            aging(store, history, filter, columns, now: request.now)
        }
        return Result(from: range.lowerBound, to: range.upperBound, days: days, agingOpen: open, agingWaiting: waiting)
    }

    // MARK: Kernels

    static func series(
        _ store: ColumnarStore, _ history: CloseHistory, _ filter: Reports.TicketFilter, _ columns: Reports.TicketColumns,
        _ range: ClosedRange<Int64>
    ) -> [Day] {
        let dayCount = Int(range.upperBound - range.lowerBound + 1)
        // boundaries[k] = start of day k of the range; day k is boundaries[k] ..< boundaries[k + 1].
        let boundaries = (0...dayCount).map { (range.lowerBound + Int64($0)) * LocalTime.secondsPerDay }
        let created = store.ticketCreatedAt.withUnsafeBufferPointer { c in
            boundaries.map { lowerBound(c, $0, in: 0..<c.count) }
        }
        func indexes(_ times: Column<UInt32>) -> [Int] {
            times.withUnsafeBufferPointer { t in
                boundaries.map { lowerBound(t, key: history.boundaryKey($0), in: 0..<t.count) }
            }
        }
        // Closes are the store's resolved_at list, plus the history's extra closes, minus its stale entries.
        let resolved = store.closedResolvedAt.withUnsafeBufferPointer { r in
            boundaries.map { lowerBound(r, $0, in: 0..<r.count) }
        }
        let extras = indexes(history.extraCloseTime)
        let stales = indexes(history.staleCloseTime)
        let opens = indexes(history.openTime)
        return store.closedRows.withUnsafeBufferPointer { resolvedRow in
            history.extraCloseRow.withUnsafeBufferPointer { extraRow in
                history.staleCloseRow.withUnsafeBufferPointer { staleRow in
                    history.openRow.withUnsafeBufferPointer { openRow in
                        func rows(_ r: Range<Int>) -> Int { filter.count(columns, rows: r) }
                        func count(_ rows: UnsafeBufferPointer<Int32>, _ r: Range<Int>) -> Int {
                            filter.count(columns, indexes: rows, r)
                        }
                        func closed(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int, _ f: Int) -> Int {
                            count(resolvedRow, a..<b) + count(extraRow, c..<d) - count(staleRow, e..<f)
                        }
                        // Open at the range's start: interval starts before it minus ends before it,
                        // counted before the start or, when shorter, after it from the end state.
                        let (c, r, x, y, o) = (created[0], resolved[0], extras[0], stales[0], opens[0])
                        let before = c + r + x + y + o
                        let after =
                            (store.ticketCount - c) + (resolvedRow.count - r) + (extraRow.count - x) + (staleRow.count - y)
                            + (openRow.count - o) + history.openNow.count
                        var open: Int
                        if filter.isEmpty {
                            open = c + o - (r + x - y)
                        } else if before <= after {
                            open = rows(0..<c) + count(openRow, 0..<o) - closed(0, r, 0, x, 0, y)
                        } else {
                            // Open at the end of the history: open now, less those whose history
                            // ends closed, plus the closed ones whose history ends open.
                            func all(_ rows: Column<Int32>) -> Int { rows.withUnsafeBufferPointer { count($0, 0..<$0.count) } }
                            let atEnd =
                                all(history.openNow) - all(history.openByStatusOnly) + all(history.closedByStatusOnly)
                            let starts = rows(c..<store.ticketCount) + count(openRow, o..<openRow.count)
                            open = atEnd - (starts - closed(r, resolvedRow.count, x, extraRow.count, y, staleRow.count))
                        }
                        var days: [Day] = []
                        days.reserveCapacity(dayCount)
                        for k in 0..<dayCount {
                            let createdToday = rows(created[k]..<created[k + 1])
                            let closedToday = closed(
                                resolved[k], resolved[k + 1], extras[k], extras[k + 1], stales[k], stales[k + 1])
                            let reopenedToday = count(openRow, opens[k]..<opens[k + 1])
                            open += createdToday - closedToday + reopenedToday
                            days.append(
                                Day(
                                    day: range.lowerBound + Int64(k), open: open, created: createdToday, closed: closedToday,
                                    reopened: reopenedToday))
                        }
                        return days
                    }
                }
            }
        }
    }

    @inline(__always)
    static func bucket(_ age: Int64) -> Int {
        let day = LocalTime.secondsPerDay
        return age < day ? 0 : age < 3 * day ? 1 : age < 7 * day ? 2 : age < 30 * day ? 3 : 4
    }

    /// Open tickets (status not closed) by age, and the waiting ones by wait. A timestamp
    /// after `now` counts as age 0. Without a filter, by binary search: the open rows are
    /// ascending, so ordered by `created_at`, and the waiting list by `waiting_since`.
    static func aging(
        _ store: ColumnarStore, _ history: CloseHistory, _ filter: Reports.TicketFilter, _ columns: Reports.TicketColumns,
        now: Int64
    ) -> ([Int], [Int]) {
        let day = LocalTime.secondsPerDay
        let edges = [day, 3 * day, 7 * day, 30 * day]
        return store.ticketCreatedAt.withUnsafeBufferPointer { created in
            if filter.isEmpty {
                // Per edge D: the tickets at least D old are those with a time ≤ now − D.
                func buckets(_ count: Int, _ atLeast: (Int64) -> Int) -> [Int] {
                    let old = edges.map { atLeast(now - $0 + 1) }
                    return [count - old[0], old[0] - old[1], old[1] - old[2], old[2] - old[3], old[3]]
                }
                let open = history.openNow.withUnsafeBufferPointer { rows in
                    buckets(rows.count) { t in
                        Kernels.firstNotBelow(0, rows.count) { created[Int(rows[$0])] < t }
                    }
                }
                let waiting = buckets(history.waitingSince.count) { t in
                    lowerBound(history.waitingSince, t, in: 0..<history.waitingSince.count)
                }
                return (open, waiting)
            }
            var open = [Int](repeating: 0, count: ageBuckets.count)
            var waiting = open
            let (agent, product, mailbox) = (filter.agent, filter.product, filter.mailbox)
            func accepts(_ row: Int) -> Bool { columns.accepts(row, agent: agent, product: product, mailbox: mailbox) }
            if let agent {
                // The assignee's open tickets: one group of the store.
                store.openRows.withUnsafeBufferPointer { rows in
                    for i in store.openRange(person: Int(agent)) where accepts(Int(rows[i])) {
                        open[bucket(now - created[Int(rows[i])])] += 1
                    }
                }
            } else {
                history.openNow.withUnsafeBufferPointer { rows in
                    for row in rows where accepts(Int(row)) { open[bucket(now - created[Int(row)])] += 1 }
                }
            }
            history.waitingRow.withUnsafeBufferPointer { rows in
                history.waitingSince.withUnsafeBufferPointer { since in
                    for i in 0..<rows.count where accepts(Int(rows[i])) { waiting[bucket(now - since[i])] += 1 }
                }
            }
            return (open, waiting)
        }
    }
}
