import FSSnapshot

/// Each ticket's close/reopen history, rebuilt at load (SEMANTICS.md, "Close / reopen
/// history"): activities and system notes of the same kind on the same ticket less than
/// 60 s apart are one event (at the earlier time); a close while closed or a reopen while
/// open is dropped; a closed ticket with no event gets `resolved_at` as its one close.
/// Arrays are indexed by the store's ticket row.
public struct CloseHistory: Sendable, Equatable {
    /// Which source a ticket's history came from; higher is weaker.
    public enum Source: UInt8, Sendable, Comparable {
        case none = 0, activities, systemNotes, resolvedAt

        public static func < (a: Source, b: Source) -> Bool { a.rawValue < b.rawValue }

        /// The name reports use (`"activities" | "system-notes" | "resolved_at"`).
        public var name: String {
            switch self {
            case .none, .activities: return "activities"
            case .systemNotes: return "system-notes"
            case .resolvedAt: return "resolved_at"
            }
        }
    }

    /// First close (``ColumnarStore/null`` when never closed).
    public internal(set) var firstClose: TimeColumn
    /// Reopen events kept (255 and more count as 255).
    public internal(set) var reopens: Column<UInt8>
    public internal(set) var source: SourceColumn
    /// Every kept reopen event ordered by `(time, row)`: its time, ticket row, and the
    /// seconds since the ticket's preceding close (clamped to 32 bits).
    public internal(set) var reopenAt: TimeColumn
    public internal(set) var reopenRow: Column<Int32>
    public internal(set) var reopenSinceClose: Column<Int32>

    // MARK: Open intervals (the backlog)
    // A ticket is open on `[created_at, first close)`, `[reopen, next close)`, ...; the
    // boundaries are its kept events with each time raised to its `created_at` (an event
    // logged before the ticket's creation happens at it), so no interval is negative. A
    // closed ticket with no event closes at `resolved_at` (raised the same way), or at
    // `created_at` without one.
    //
    // Most closes are already in the store: a closed ticket's last close is usually its
    // `resolved_at`, listed in ``ColumnarStore/closedResolvedAt``. So the closes are that
    // list, plus ``extraCloseTime`` (closes it does not hold: those followed by a reopen,
    // and last closes at another time), minus ``staleCloseTime`` (its entries that are no
    // close of the history). Times are seconds after ``boundaryBase``; each list is ordered
    // by `(time, row)`.

    public internal(set) var extraCloseTime: Column<UInt32>
    public internal(set) var extraCloseRow: Column<Int32>
    public internal(set) var staleCloseTime: Column<UInt32>
    public internal(set) var staleCloseRow: Column<Int32>
    /// Every kept reopen (times raised to `created_at`, unlike ``reopenAt``).
    public internal(set) var openTime: Column<UInt32>
    public internal(set) var openRow: Column<Int32>
    /// The earliest time of the three lists (0 when they are empty).
    public internal(set) var boundaryBase: Int64
    // MARK: Now (the backlog's aging and its open count from the end)

    /// Tickets whose status is not closed, ascending rows (so also by `created_at`).
    public internal(set) var openNow: Column<Int32>
    /// Of those, the ones whose history ends closed (usually none), ascending.
    public internal(set) var openByStatusOnly: Column<Int32>
    /// Closed tickets whose history ends open (usually none), ascending. The tickets open at
    /// the end of the history are ``openNow`` minus ``openByStatusOnly`` plus these.
    public internal(set) var closedByStatusOnly: Column<Int32>
    /// The open tickets waiting on an agent (agents-summary's rule: `waiting_since` set, and
    /// no agent reply, or the customer wrote after it, or status `new`), ordered by
    /// `(waiting_since, row)`.
    public internal(set) var waitingSince: Column<Int64>
    public internal(set) var waitingRow: Column<Int32>

    public var byteCount: Int {
        firstClose.byteCount + reopens.byteCount + source.codes.byteCount + reopenAt.byteCount + reopenRow.byteCount
            + reopenSinceClose.byteCount + extraCloseTime.byteCount + extraCloseRow.byteCount + staleCloseTime.byteCount
            + staleCloseRow.byteCount + openTime.byteCount + openRow.byteCount + openNow.byteCount
            + openByStatusOnly.byteCount + closedByStatusOnly.byteCount + waitingSince.byteCount + waitingRow.byteCount
    }

    /// ``Source`` per ticket row, stored as its raw byte (a byte from a file never becomes
    /// an invalid enum value: unknown codes read as `.none`).
    public struct SourceColumn: Sendable, Equatable, RandomAccessCollection {
        public let codes: Column<UInt8>
        public var startIndex: Int { 0 }
        public var endIndex: Int { codes.count }
        public subscript(i: Int) -> Source { Source(rawValue: codes[i]) ?? .none }
    }

    init(
        firstClose: TimeColumn, reopens: Column<UInt8>, source: SourceColumn, reopenAt: TimeColumn,
        reopenRow: Column<Int32>, reopenSinceClose: Column<Int32>, extraCloseTime: Column<UInt32>,
        extraCloseRow: Column<Int32>, staleCloseTime: Column<UInt32>, staleCloseRow: Column<Int32>,
        openTime: Column<UInt32>, openRow: Column<Int32>, boundaryBase: Int64, openNow: Column<Int32>,
        openByStatusOnly: Column<Int32>, closedByStatusOnly: Column<Int32>, waitingSince: Column<Int64>,
        waitingRow: Column<Int32>
    ) {
        self.firstClose = firstClose
        self.reopens = reopens
        self.source = source
        self.reopenAt = reopenAt
        self.reopenRow = reopenRow
        self.reopenSinceClose = reopenSinceClose
        self.extraCloseTime = extraCloseTime
        self.extraCloseRow = extraCloseRow
        self.staleCloseTime = staleCloseTime
        self.staleCloseRow = staleCloseRow
        self.openTime = openTime
        self.openRow = openRow
        self.boundaryBase = boundaryBase
        self.openNow = openNow
        self.openByStatusOnly = openByStatusOnly
        self.closedByStatusOnly = closedByStatusOnly
        self.waitingSince = waitingSince
        self.waitingRow = waitingRow
    }

    /// An entry of ``extraCloseTime``, ``staleCloseTime`` or ``openTime`` in site-local seconds.
    @inline(__always) public func at(_ time: UInt32) -> Int64 { boundaryBase + Int64(time) }

    /// Closes before `t` over all tickets (`store` is the one the history was built for).
    /// - Complexity: O(log n).
    public func closesBefore(_ t: Int64, store: ColumnarStore) -> Int {
        lowerBound(store.closedResolvedAt, t, in: 0..<store.closedResolvedAt.count) + countBefore(extraCloseTime, t)
            - countBefore(staleCloseTime, t)
    }

    /// A timestamp as a key comparable with ``closeTime`` / ``openTime`` values: the first
    /// index whose time is `>= t` is the first whose `UInt64(time) >= boundaryKey(t)`.
    @inline(__always) public func boundaryKey(_ t: Int64) -> UInt64 {
        let (offset, overflow) = t.subtractingReportingOverflow(boundaryBase)
        if overflow { return t < boundaryBase ? 0 : 1 << 32 }
        return offset <= 0 ? 0 : UInt64(min(offset, 1 << 32))
    }

    /// Number of entries of `times` (one of the three lists) before `t`.
    /// - Complexity: O(log n).
    public func countBefore(_ times: Column<UInt32>, _ t: Int64) -> Int {
        times.withUnsafeBufferPointer { lowerBound($0, key: boundaryKey(t), in: 0..<$0.count) }
    }

    /// A plain event, for building from rows already in memory.
    public struct Event: Sendable, Equatable {
        public var ticketId: Int64
        public var at: Int64
        public var reopen: Bool
        public var fromActivity: Bool

        public init(ticketId: Int64, at: Int64, reopen: Bool, fromActivity: Bool) {
            self.ticketId = ticketId
            self.at = at
            self.reopen = reopen
            self.fromActivity = fromActivity
        }
    }

    /// Reads the events of `snapshot` for the tickets of `store`.
    public static func load(_ snapshot: Snapshot, store: ColumnarStore) throws -> CloseHistory {
        var events: [Event] = []
        try snapshot.scanCloseEvents { ticket, at, reopen, activity in
            events.append(Event(ticketId: ticket, at: at, reopen: reopen, fromActivity: activity))
        }
        return CloseHistory(store: store, events: events)
    }

    /// Builds the history from events ordered by `(ticket, time)`.
    public init(store: ColumnarStore, events: [Event]) {
        let n = store.ticketCount
        var rowOf: [Int64: Int] = [:]
        rowOf.reserveCapacity(n)
        for (row, id) in store.ticketIDs.enumerated() { rowOf[id] = row }
        var firstClose = [Int64](repeating: ColumnarStore.null, count: n)
        var reopens = [UInt8](repeating: 0, count: n)
        var source = [Source](repeating: .none, count: n)
        var reopenEvents: [(at: Int64, row: Int32, since: Int64)] = []
        var closes: [(at: Int64, row: Int32)] = []
        var opens: [(at: Int64, row: Int32)] = []
        var endsOpen = [Bool](repeating: true, count: n)
        // The clamped time of each row's last close (when the history ends closed).
        var lastCloseAt = [Int64](repeating: ColumnarStore.null, count: n)
        var i = 0
        while i < events.count {
            var j = i
            while j < events.count, events[j].ticketId == events[i].ticketId { j += 1 }
            if let row = rowOf[events[i].ticketId] {
                // Drop the second of a same-kind pair from the two sources less than 60 s apart.
                // An event is covered by the activity log when it or its twin is an activity.
                var kept: [Event] = []
                var covered: [Bool] = []
                for e in events[i..<j] {
                    let twin = kept.lastIndex { k in
                        k.reopen == e.reopen && k.fromActivity != e.fromActivity && e.at - k.at < 60
                    }
                    if let twin {
                        if e.fromActivity { covered[twin] = true }
                    } else {
                        kept.append(e)
                        covered.append(e.fromActivity)
                    }
                }
                var closed = false
                var lastClose: Int64 = 0
                let created = store.ticketCreatedAt[row]
                for e in kept {
                    if !e.reopen && !closed {
                        closed = true
                        lastClose = e.at
                        if firstClose[row] == ColumnarStore.null { firstClose[row] = e.at }
                        closes.append((max(e.at, created), Int32(row)))
                    } else if e.reopen && closed {
                        closed = false
                        reopens[row] &+= reopens[row] == .max ? 0 : 1
                        reopenEvents.append((e.at, Int32(row), e.at - lastClose))
                        opens.append((max(e.at, created), Int32(row)))
                    }
                }
                endsOpen[row] = !closed
                if closed, let last = closes.popLast() { lastCloseAt[row] = last.at }
                // The activity log alone told the whole story, or system notes were needed.
                source[row] = covered.allSatisfy { $0 } ? .activities : .systemNotes
            }
            i = j
        }
        for row in 0..<n where source[row] == .none && store.ticketStatus[row] == TicketStatusCode.closed {
            let resolved = store.ticketResolvedAt[row]
            let created = store.ticketCreatedAt[row]
            if resolved != ColumnarStore.null {
                firstClose[row] = resolved
                source[row] = .resolvedAt
            }
            lastCloseAt[row] = resolved == ColumnarStore.null ? created : max(resolved, created)
            endsOpen[row] = false
        }
        // Last closes the store lists as resolved_at stay out; the others are extras, and a
        // listed resolved_at that is no close of the history is stale.
        var stale: [(at: Int64, row: Int32)] = []
        for row in 0..<n {
            let last = lastCloseAt[row]
            let resolved = store.ticketResolvedAt[row]
            let listed = store.ticketStatus[row] == TicketStatusCode.closed && resolved != ColumnarStore.null
            if listed && last == resolved { continue }
            if listed { stale.append((resolved, Int32(row))) }
            if last != ColumnarStore.null { closes.append((last, Int32(row))) }
        }
        reopenEvents.sort { ($0.at, $0.row) < ($1.at, $1.row) }
        // One radix sort per list by (time, row): both fit one 64-bit key.
        let base =
            [closes.lazy.map(\.at).min(), stale.lazy.map(\.at).min(), opens.lazy.map(\.at).min()].compactMap { $0 }.min()
            ?? 0
        func sorted(_ list: [(at: Int64, row: Int32)]) -> (time: [UInt32], row: [Int32]) {
            let keys = list.map { UInt64(UInt32(clamping: $0.at - base)) << 32 | UInt64(UInt32($0.row)) }
            let order = RadixSort.stableOrder(keys)
            return (order.map { UInt32(truncatingIfNeeded: keys[Int($0)] >> 32) }, order.map { list[Int($0)].row })
        }
        let extra = sorted(closes)
        (self.extraCloseTime, self.extraCloseRow) = (Column(extra.time), Column(extra.row))
        let staleSorted = sorted(stale)
        (self.staleCloseTime, self.staleCloseRow) = (Column(staleSorted.time), Column(staleSorted.row))
        let opened = sorted(opens)
        (self.openTime, self.openRow) = (Column(opened.time), Column(opened.row))
        self.boundaryBase = base
        var openNow: [Int32] = []
        var openByStatusOnly: [Int32] = []
        var closedByStatusOnly: [Int32] = []
        var waiting: [(at: Int64, row: Int32)] = []
        for row in 0..<n {
            let status = store.ticketStatus[row]
            guard status != TicketStatusCode.closed else {
                if endsOpen[row] { closedByStatusOnly.append(Int32(row)) }
                continue
            }
            openNow.append(Int32(row))
            if !endsOpen[row] { openByStatusOnly.append(Int32(row)) }
            let since = store.ticketWaitingSince[row]
            guard since != ColumnarStore.null else { continue }
            let lastAgent = store.ticketLastAgentResponse[row]
            let lastCustomer = store.ticketLastCustomerResponse[row]
            // SQL: last_agent_response IS NULL OR last_agent_response < last_customer_response
            // OR status = 'new' (as the agents-summary kernel, Reports.waitingStats).
            if lastAgent == ColumnarStore.null || (lastCustomer != ColumnarStore.null && lastAgent < lastCustomer)
                || status == TicketStatusCode.new
            {
                waiting.append((since, Int32(row)))
            }
        }
        waiting.sort { ($0.at, $0.row) < ($1.at, $1.row) }
        self.openNow = Column(openNow)
        self.openByStatusOnly = Column(openByStatusOnly)
        self.closedByStatusOnly = Column(closedByStatusOnly)
        self.waitingSince = Column(waiting.map(\.at))
        self.waitingRow = Column(waiting.map(\.row))
        self.firstClose = TimeColumn(firstClose)
        self.reopens = Column(reopens)
        self.source = SourceColumn(codes: Column(source.map(\.rawValue)))
        self.reopenAt = TimeColumn(reopenEvents.map(\.at))
        self.reopenRow = Column(reopenEvents.map(\.row))
        self.reopenSinceClose = Column(reopenEvents.map { Int32(clamping: $0.since) })
    }
}
