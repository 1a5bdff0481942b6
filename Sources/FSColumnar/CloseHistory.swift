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

    public var byteCount: Int {
        firstClose.byteCount + reopens.byteCount + source.codes.byteCount + reopenAt.byteCount + reopenRow.byteCount
            + reopenSinceClose.byteCount
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
        reopenRow: Column<Int32>, reopenSinceClose: Column<Int32>
    ) {
        self.firstClose = firstClose
        self.reopens = reopens
        self.source = source
        self.reopenAt = reopenAt
        self.reopenRow = reopenRow
        self.reopenSinceClose = reopenSinceClose
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
                for e in kept {
                    if !e.reopen && !closed {
                        closed = true
                        lastClose = e.at
                        if firstClose[row] == ColumnarStore.null { firstClose[row] = e.at }
                    } else if e.reopen && closed {
                        closed = false
                        reopens[row] &+= reopens[row] == .max ? 0 : 1
                        reopenEvents.append((e.at, Int32(row), e.at - lastClose))
                    }
                }
                // The activity log alone told the whole story, or system notes were needed.
                source[row] = covered.allSatisfy { $0 } ? .activities : .systemNotes
            }
            i = j
        }
        for row in 0..<n where source[row] == .none && store.ticketStatus[row] == TicketStatusCode.closed {
            let resolved = store.ticketResolvedAt[row]
            if resolved != ColumnarStore.null {
                firstClose[row] = resolved
                source[row] = .resolvedAt
            }
        }
        reopenEvents.sort { ($0.at, $0.row) < ($1.at, $1.row) }
        self.firstClose = TimeColumn(firstClose)
        self.reopens = Column(reopens)
        self.source = SourceColumn(codes: Column(source.map(\.rawValue)))
        self.reopenAt = TimeColumn(reopenEvents.map(\.at))
        self.reopenRow = Column(reopenEvents.map(\.row))
        self.reopenSinceClose = Column(reopenEvents.map { Int32(clamping: $0.since) })
    }
}
