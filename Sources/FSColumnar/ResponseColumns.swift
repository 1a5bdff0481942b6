import FSSnapshot

/// Per-ticket reply figures and reply-time samples, derived from a ``ColumnarStore`` at
/// load (SEMANTICS.md, "Beyond the plugin"): each ticket's responses are walked in time
/// order; a clock starts at `created_at` and at the first customer message after an agent
/// reply, and the next agent reply stops it. The first sample of a ticket is its first
/// response time (FRT); the later ones are reply-time samples.
///
/// Ticket arrays are indexed by the store's ticket row. Reply samples are ordered by
/// `(end, ticket row)`, so a date range of replies is one slice found by binary search
/// (``sampleRange(_:)``); ``frtRows`` lists the answered tickets ordered by their first
/// reply the same way (``frtRange(_:)``). Sample ends are seconds after the store's
/// `conversationTimeBase` as `UInt32`, like the store's conversation times.
/// Responses at the same second on one ticket keep the store's order (by author group).
public struct ResponseColumns: Sendable, Equatable {
    /// First agent reply at or after `created_at` (``ColumnarStore/null`` when none).
    public internal(set) var firstReplyAt: TimeColumn
    /// Person index of the agent who wrote it (-1 when none).
    public internal(set) var firstReplyAgent: Column<Int32>
    /// Agent replies over the ticket's whole life (any time; 65535 and more count as 65535).
    public internal(set) var agentReplies: Column<UInt16>
    /// Customer messages over the ticket's whole life (clamped the same way).
    public internal(set) var customerMessages: Column<UInt16>
    /// Rows of answered tickets ordered by `(firstReplyAt, row)`.
    public internal(set) var frtRows: Column<Int32>
    /// The FRT in seconds of each ``frtRows`` entry, in the same order (clamped to 32 bits),
    /// so a date range of first responses is one contiguous slice of durations.
    public internal(set) var frtDuration: Column<Int32>
    /// Rows of the tickets with no agent reply at all, ascending (the store's rows are in
    /// `created_at` order, so a creation range of them is one slice).
    public internal(set) var unanswered: Column<Int32>
    /// How many of ``unanswered`` are not closed (at the snapshot; the count every
    /// unfiltered report shows as `unanswered_now`).
    public internal(set) var unansweredOpen: Int
    /// Reply-time samples (the FRT excluded), ordered by `(end, ticket)`; the end as
    /// seconds after ``timeBase``.
    public internal(set) var sampleEnd: Column<UInt32>
    public internal(set) var timeBase: Int64
    public internal(set) var sampleDuration: Column<Int32>
    public internal(set) var sampleAgent: Column<Int32>
    public internal(set) var sampleTicket: Column<Int32>
    /// Tickets whose reply clock is running at the end of the snapshot (a customer message
    /// after their last agent reply, once they have had a first reply), ascending rows, and
    /// when each clock started: the next-response wait the SLA report checks against "now".
    public internal(set) var pendingRows: Column<Int32>
    public internal(set) var pendingSince: TimeColumn

    /// Resident bytes of the arrays.
    public var byteCount: Int {
        firstReplyAt.byteCount + firstReplyAgent.byteCount + agentReplies.byteCount + customerMessages.byteCount
            + frtRows.byteCount + frtDuration.byteCount + unanswered.byteCount + sampleEnd.byteCount
            + sampleDuration.byteCount + sampleAgent.byteCount + sampleTicket.byteCount + pendingRows.byteCount
            + pendingSince.byteCount
    }

    init(
        firstReplyAt: TimeColumn, firstReplyAgent: Column<Int32>, agentReplies: Column<UInt16>,
        customerMessages: Column<UInt16>, frtRows: Column<Int32>, frtDuration: Column<Int32>, unanswered: Column<Int32>,
        unansweredOpen: Int, sampleEnd: Column<UInt32>, timeBase: Int64, sampleDuration: Column<Int32>,
        sampleAgent: Column<Int32>,
        sampleTicket: Column<Int32>, pendingRows: Column<Int32>, pendingSince: TimeColumn
    ) {
        self.firstReplyAt = firstReplyAt
        self.firstReplyAgent = firstReplyAgent
        self.agentReplies = agentReplies
        self.customerMessages = customerMessages
        self.frtRows = frtRows
        self.frtDuration = frtDuration
        self.unanswered = unanswered
        self.unansweredOpen = unansweredOpen
        self.sampleEnd = sampleEnd
        self.timeBase = timeBase
        self.sampleDuration = sampleDuration
        self.sampleAgent = sampleAgent
        self.sampleTicket = sampleTicket
        self.pendingRows = pendingRows
        self.pendingSince = pendingSince
    }

    /// End of reply sample `i`, in site-local seconds.
    @inline(__always) public func sampleEndAt(_ i: Int) -> Int64 { timeBase + Int64(sampleEnd[i]) }

    /// Indexes of the reply samples ending in `seconds`.
    /// - Complexity: O(log n).
    public func sampleRange(_ seconds: Range<Int64>) -> Range<Int> {
        sampleEnd.withUnsafeBufferPointer { ends in
            let lo = lowerBound(ends, key: key(seconds.lowerBound), in: 0..<ends.count)
            return lo..<lowerBound(ends, key: key(seconds.upperBound), in: lo..<ends.count)
        }
    }

    /// Indexes into ``frtRows`` of the tickets whose first reply is in `seconds`.
    /// - Complexity: O(log n) (a search through the row indirection).
    public func frtRange(_ seconds: Range<Int64>) -> Range<Int> {
        let lo = firstReply(atOrAfter: seconds.lowerBound, in: 0..<frtRows.count)
        return lo..<firstReply(atOrAfter: seconds.upperBound, in: lo..<frtRows.count)
    }

    /// ``frtRange(_:)`` of each of `spans`, ranges of time in ascending order (buckets):
    /// the first bound by binary search, each next one galloping from the one before, so
    /// the search stays among nearby entries instead of starting over from the whole list.
    /// - Complexity: O(log n + Σ log(entries per span)).
    public func frtRanges(_ spans: [Range<Int64>]) -> [Range<Int>] {
        guard let first = spans.first else { return [] }
        /// The first entry from `low` on at or after `t` (every entry before `low` is before it).
        func gallop(_ t: Int64, from low: Int) -> Int {
            var low = low
            var high = low
            var step = 1
            while high < frtRows.count, firstReplyAt[Int(frtRows[high])] < t {
                low = high + 1
                high = low + step
                step <<= 1
            }
            return firstReply(atOrAfter: t, in: low..<min(high, frtRows.count))
        }
        var low = firstReply(atOrAfter: first.lowerBound, in: 0..<frtRows.count)
        return spans.map { span in
            let start = gallop(span.lowerBound, from: low)
            low = gallop(span.upperBound, from: start)
            return start..<low
        }
    }

    /// The first index in `range` of ``frtRows`` whose first reply is at or after `t` (the
    /// end of `range` when none is), every entry before `range` being before `t`.
    func firstReply(atOrAfter t: Int64, in range: Range<Int>) -> Int {
        var low = range.lowerBound
        var count = range.count
        while count > 0 {
            let half = count >> 1
            if firstReplyAt[Int(frtRows[low + half])] < t {
                low += half + 1
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }

    /// A timestamp as a key comparable with ``sampleEnd`` values (see ``ColumnarStore/conversationKey(_:)``).
    @inline(__always) func key(_ t: Int64) -> UInt64 {
        let (offset, overflow) = t.subtractingReportingOverflow(timeBase)
        if overflow { return t < timeBase ? 0 : 1 << 32 }
        return offset <= 0 ? 0 : UInt64(min(offset, 1 << 32))
    }

    /// Walks every ticket's responses once.
    /// - Complexity: O(responses + tickets); a counting sort by ticket, then a sort of each
    ///   ticket's few responses by time, then one sort of the samples by end time.
    public init(_ store: ColumnarStore) {
        let tickets = store.ticketCount
        let persons = store.personCount
        let responses = store.responseEnd
        // Bucket the response rows by ticket.
        var start = [Int32](repeating: 0, count: tickets + 1)
        store.conversationTicket.withUnsafeBufferPointer { ticket in
            for i in 0..<responses { start[Int(ticket[i]) + 1] += 1 }
        }
        for t in 0..<tickets { start[t + 1] += start[t] }
        var fill = start
        var byTicket = [Int32](repeating: 0, count: responses)
        var author = [Int32](repeating: -1, count: responses)  // agent person index, or -1 for a customer
        store.conversationTicket.withUnsafeBufferPointer { ticket in
            for p in 0...persons {
                let isAgent = p < persons && store.personIsAgent[p]
                for i in store.responseRange(person: p) {
                    let t = Int(ticket[i])
                    byTicket[Int(fill[t])] = Int32(i)
                    fill[t] += 1
                    if isAgent { author[i] = Int32(p) }
                }
            }
        }
        var firstReplyAt = [Int64](repeating: ColumnarStore.null, count: tickets)
        var firstReplyAgent = [Int32](repeating: -1, count: tickets)
        var agentReplies = [UInt16](repeating: 0, count: tickets)
        var customerMessages = [UInt16](repeating: 0, count: tickets)
        var samples: [(end: Int64, ticket: Int32, duration: Int32, agent: Int32)] = []
        var pendingRows: [Int32] = []
        var pendingSince: [Int64] = []
        var list: [(time: Int64, agent: Int32)] = []
        for t in 0..<tickets {
            let lo = Int(start[t])
            let hi = Int(start[t + 1])
            guard lo < hi else { continue }
            list.removeAll(keepingCapacity: true)
            for k in lo..<hi {
                let i = Int(byTicket[k])
                list.append((store.conversationCreatedAt(i), author[i]))
            }
            // Stable by time: equal times keep the bucket order.
            if list.count > 1 {
                var sorted = true
                for k in 1..<list.count where list[k].time < list[k - 1].time { sorted = false }
                if !sorted {
                    list = list.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                        .map(\.element)
                }
            }
            let created = store.ticketCreatedAt[t]
            var clock: Int64? = created
            var first = true
            for r in list {
                if r.agent >= 0 {
                    agentReplies[t] &+= agentReplies[t] == .max ? 0 : 1
                } else {
                    customerMessages[t] &+= customerMessages[t] == .max ? 0 : 1
                }
                guard r.time >= created else { continue }
                if r.agent >= 0 {
                    guard let since = clock else { continue }
                    if first {
                        firstReplyAt[t] = r.time
                        firstReplyAgent[t] = r.agent
                        first = false
                    } else {
                        samples.append((r.time, Int32(t), Int32(clamping: r.time - since), r.agent))
                    }
                    clock = nil
                } else if clock == nil {
                    clock = r.time
                }
            }
            if !first, let clock {
                pendingRows.append(Int32(t))
                pendingSince.append(clock)
            }
        }
        samples.sort { ($0.end, $0.ticket) < ($1.end, $1.ticket) }
        var frt: [(at: Int64, row: Int32)] = []
        for t in 0..<tickets where firstReplyAt[t] != ColumnarStore.null { frt.append((firstReplyAt[t], Int32(t))) }
        frt.sort { ($0.at, $0.row) < ($1.at, $1.row) }
        self.firstReplyAt = TimeColumn(firstReplyAt)
        self.firstReplyAgent = Column(firstReplyAgent)
        self.agentReplies = Column(agentReplies)
        self.customerMessages = Column(customerMessages)
        self.frtRows = Column(frt.map(\.row))
        self.frtDuration = Column(frt.map { Int32(clamping: $0.at - store.ticketCreatedAt[Int($0.row)]) })
        self.unanswered = Column((0..<tickets).filter { agentReplies[$0] == 0 }.map { Int32($0) })
        self.unansweredOpen =
            (0..<tickets).filter {
                agentReplies[$0] == 0 && store.ticketStatus[$0] != TicketStatusCode.closed
            }.count
        let base = store.conversationTimeBase
        self.timeBase = base
        self.sampleEnd = Column(samples.map { UInt32(clamping: max($0.end - base, 0)) })
        self.sampleDuration = Column(samples.map(\.duration))
        self.sampleAgent = Column(samples.map(\.agent))
        self.sampleTicket = Column(samples.map(\.ticket))
        self.pendingRows = Column(pendingRows)
        self.pendingSince = TimeColumn(pendingSince)
    }
}
