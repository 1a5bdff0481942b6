import FSSnapshot

/// The columns the response- and resolution-time reports and the per-ticket export read
/// besides the store (SEMANTICS.md, "Beyond the plugin"): built once at load from the
/// store and the snapshot, and kept in the column cache with the store, so a command
/// gets them in place from one loader (``ColumnarStore/load(from:cache:)``).
public struct ReportColumns: Sendable, Equatable {
    public var responses: ResponseColumns
    public var history: CloseHistory
    public var tickets: TicketExtras
    /// Positions in ``ResponseColumns/frtRows`` (ascending) of the tickets whose stored
    /// `first_response_time` is not null and differs from the computed FRT by more than 60 s.
    public var storedDiffers: Column<Int32>
    /// The SLA report's priority codes and resolution times beside its sample lists;
    /// empty from ``init(responses:history:tickets:storedFirstResponse:store:)`` (the report then lays them out per call).
    public var sla: SLAColumns
    /// Each first close's resolution time, by day of the close.
    public var firstResolutions: FirstResolutions
    /// Sketches of the first-response, reply and resolution durations (``DurationSketch``).
    public var sketches: DurationSketches
    /// Resolution-times' counts per block of the closed list; empty from
    /// ``init(responses:history:tickets:storedFirstResponse:store:)`` (the report then counts the cohort's rows).
    public var tallies: CohortTallies

    /// The columns of `store` from its response columns, close history and ticket extras;
    /// `storedFirstResponse` is each ticket row's stored `first_response_time`
    /// (``TicketExtras/nullSeconds`` for NULL), read only to find ``storedDiffers``.
    public init(
        responses: ResponseColumns, history: CloseHistory, tickets: TicketExtras, storedFirstResponse: [Int32],
        store: ColumnarStore
    ) {
        self.responses = responses
        self.history = history
        self.tickets = tickets
        sla = SLAColumns()
        firstResolutions = FirstResolutions(history: history, store: store)
        sketches = DurationSketches(responses: responses, history: history, sla: sla, firstResolutions: firstResolutions)
        tallies = CohortTallies()
        var differs: [Int32] = []
        for i in 0..<responses.frtRows.count {
            let stored = storedFirstResponse[Int(responses.frtRows[i])]
            if stored != TicketExtras.nullSeconds, abs(Int64(stored) - Int64(responses.frtDuration[i])) > 60 {
                differs.append(Int32(i))
            }
        }
        storedDiffers = Column(differs)
    }

    init(
        responses: ResponseColumns, history: CloseHistory, tickets: TicketExtras, storedDiffers: Column<Int32>,
        sla: SLAColumns, firstResolutions: FirstResolutions, sketches: DurationSketches, tallies: CohortTallies
    ) {
        self.responses = responses
        self.history = history
        self.tickets = tickets
        self.storedDiffers = storedDiffers
        self.sla = sla
        self.firstResolutions = firstResolutions
        self.sketches = sketches
        self.tallies = tallies
    }

    /// Builds the columns of `store` from it and `snapshot` (run inside the read
    /// transaction the store was read in, so both describe one committed state).
    /// - Complexity: O(tickets + responses + close events), plus the snapshot's row reads.
    public static func load(_ snapshot: Snapshot, store: ColumnarStore) throws -> ReportColumns {
        let (tickets, storedFirstResponse) = try TicketExtras.read(snapshot, store: store)
        var columns = ReportColumns(
            responses: ResponseColumns(store), history: try CloseHistory.load(snapshot, store: store), tickets: tickets,
            storedFirstResponse: storedFirstResponse, store: store)
        columns.sla = SLAColumns(store: store, responses: columns.responses, tickets: columns.tickets)
        columns.sketches.resolution = columns.sla.closedDuration.withUnsafeBufferPointer { DurationSketch($0) }
        columns.tallies = CohortTallies(store: store, responses: columns.responses, history: columns.history)
        return columns
    }

    /// Resident bytes of the arrays.
    public var byteCount: Int {
        responses.byteCount + history.byteCount + tickets.byteCount + storedDiffers.byteCount + sla.byteCount
            + firstResolutions.byteCount + sketches.byteCount + tallies.byteCount
    }

    /// Index of every stored row number and code outside the arrays it indexes, or nil.
    func layoutProblem(ticketCount: Int, personCount: Int, closedCount: Int) -> String? {
        func inside<T: BinaryInteger>(_ c: Column<T>, _ bound: Int, allowNegativeOne: Bool = false) -> Bool {
            c.withUnsafeBufferPointer { b in b.allSatisfy { ($0 >= 0 || (allowNegativeOne && $0 == -1)) && Int($0) < bound } }
        }
        let r = responses
        guard r.firstReplyAt.count == ticketCount, r.firstReplyAgent.count == ticketCount,
            r.agentReplies.count == ticketCount, r.customerMessages.count == ticketCount,
            history.firstClose.count == ticketCount, history.reopens.count == ticketCount,
            history.source.count == ticketCount, tickets.priority.count == ticketCount
        else { return "report column lengths" }
        guard inside(r.frtRows, ticketCount), r.frtDuration.count == r.frtRows.count else { return "first-reply rows" }
        guard inside(r.firstReplyAgent, personCount, allowNegativeOne: true), inside(r.sampleAgent, personCount)
        else { return "reply agents" }
        guard inside(r.sampleTicket, ticketCount), inside(r.unanswered, ticketCount) else { return "reply tickets" }
        guard inside(history.reopenRow, ticketCount), inside(history.source.codes, 4) else { return "close history" }
        guard inside(r.pendingRows, ticketCount), r.pendingSince.count == r.pendingRows.count else {
            return "running reply clocks"
        }
        guard inside(history.extraCloseRow, ticketCount), inside(history.staleCloseRow, ticketCount),
            inside(history.openRow, ticketCount), inside(history.openNow, ticketCount),
            inside(history.openByStatusOnly, ticketCount), inside(history.closedByStatusOnly, ticketCount),
            inside(history.waitingRow, ticketCount)
        else { return "open intervals" }
        guard inside(tickets.priority, tickets.priorityNames.count, allowNegativeOne: true) else { return "priorities" }
        guard inside(storedDiffers, r.frtRows.count) else { return "stored-FRT positions" }
        guard sla.frtPriority.count == r.frtRows.count, sla.closedPriority.count == closedCount,
            sla.closedDuration.count == closedCount,
            inside(sla.frtPriority, tickets.priorityNames.count + 1),
            inside(sla.closedPriority, tickets.priorityNames.count + 1)
        else { return "SLA columns" }
        guard sketches.frtDays.low.count == sketches.frtDays.high.count else { return "daily FRT middles" }
        guard tallies.describes(count: closedCount) else { return "cohort tallies" }
        return firstResolutions.layoutProblem(tickets: ticketCount)
            ?? sketches.firstResponse.layoutProblem(count: r.frtDuration.count)
            ?? sketches.reply.layoutProblem(count: r.sampleDuration.count)
            ?? sketches.resolution.layoutProblem(count: sla.closedDuration.count)
            ?? sketches.firstResolution.layoutProblem(count: firstResolutions.durations.count)
            ?? sketches.reopen.layoutProblem(count: history.reopenSinceClose.count)
    }
}

/// The ``DurationSketch`` of each duration column the reports take statistics of.
public struct DurationSketches: Sendable, Equatable {
    /// Of ``ResponseColumns/frtDuration``.
    public var firstResponse: DurationSketch
    /// Of ``ResponseColumns/sampleDuration``.
    public var reply: DurationSketch
    /// Of ``SLAColumns/closedDuration`` (empty with empty SLA columns).
    public var resolution: DurationSketch
    /// Of ``FirstResolutions/durations``.
    public var firstResolution: DurationSketch
    /// Of ``CloseHistory/reopenSinceClose``.
    public var reopen: DurationSketch
    /// The middle first response times of each day.
    public var frtDays: DayMiddles

    /// The sketches of these columns.
    public init(
        responses: ResponseColumns, history: CloseHistory, sla: SLAColumns, firstResolutions: FirstResolutions
    ) {
        firstResponse = responses.frtDuration.withUnsafeBufferPointer { DurationSketch($0) }
        reply = responses.sampleDuration.withUnsafeBufferPointer { DurationSketch($0) }
        resolution = sla.closedDuration.withUnsafeBufferPointer { DurationSketch($0) }
        firstResolution = firstResolutions.durations.withUnsafeBufferPointer { DurationSketch($0) }
        reopen = history.reopenSinceClose.withUnsafeBufferPointer { DurationSketch($0) }
        frtDays = DayMiddles(responses)
    }

    init(
        firstResponse: DurationSketch, reply: DurationSketch, resolution: DurationSketch,
        firstResolution: DurationSketch, reopen: DurationSketch, frtDays: DayMiddles
    ) {
        self.firstResponse = firstResponse
        self.reply = reply
        self.resolution = resolution
        self.firstResolution = firstResolution
        self.reopen = reopen
        self.frtDays = frtDays
    }

    public var byteCount: Int {
        firstResponse.byteCount + reply.byteCount + resolution.byteCount + firstResolution.byteCount
            + reopen.byteCount + frtDays.byteCount
    }
}

/// Site-local times as `UInt32` seconds after a base (half the bytes of `Int64`), with
/// `UInt32.max` for none; reads back as `Int64` (``ColumnarStore/null`` for none).
/// Times more than 136 years after the earliest clamp to that.
public struct TimeColumn: Sendable, Equatable, RandomAccessCollection {
    public let base: Int64
    public let offsets: Column<UInt32>
    static let none = UInt32.max

    /// `times` with ``ColumnarStore/null`` for none; the base is the earliest time.
    public init(_ times: [Int64]) {
        let base = times.lazy.filter { $0 != ColumnarStore.null }.min() ?? 0
        self.base = base
        offsets = Column(
            times.map { t in t == ColumnarStore.null ? Self.none : UInt32(clamping: Swift.min(t - base, Int64(UInt32.max - 1))) })
    }

    init(base: Int64, offsets: Column<UInt32>) {
        self.base = base
        self.offsets = offsets
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count }
    public var byteCount: Int { offsets.byteCount }

    @inline(__always) public subscript(i: Int) -> Int64 {
        let o = offsets[i]
        return o == Self.none ? ColumnarStore.null : base + Int64(o)
    }

    /// For times ascending (none last): the indexes of the times in `seconds`.
    /// - Complexity: O(log n).
    public func range(_ seconds: Range<Int64>) -> Range<Int> {
        func key(_ t: Int64) -> UInt64 { t <= base ? 0 : UInt64(Swift.min(t - base, Int64(UInt32.max))) }
        return offsets.withUnsafeBufferPointer { o in
            let lo = lowerBound(o, key: key(seconds.lowerBound), in: 0..<o.count)
            return lo..<lowerBound(o, key: key(seconds.upperBound), in: lo..<o.count)
        }
    }
}

/// Per-ticket columns the store does not hold, read from the snapshot's tickets.
public struct TicketExtras: Sendable, Equatable {
    /// Index into ``priorityNames`` per ticket row, -1 for NULL (at most 32767 names).
    public var priority: Column<Int16>
    public var priorityNames: [String]
    /// A stored `first_response_time` that is NULL (see ``read(_:store:)``).
    public static let nullSeconds = Int32.min

    public init(priority: [Int16], priorityNames: [String]) {
        self.init(priority: Column(priority), priorityNames: priorityNames)
    }

    init(priority: Column<Int16>, priorityNames: [String]) {
        self.priority = priority
        self.priorityNames = priorityNames
    }

    public var byteCount: Int { priority.byteCount }

    /// Reads `priority` and `first_response_time` of every ticket and places them at the
    /// store's rows. The stored first response times (clamped to 32 bits, ``nullSeconds``
    /// for NULL) are returned beside the extras, not kept in them: only
    /// ``ReportColumns/storedDiffers`` is derived from them, at load.
    public static func read(
        _ snapshot: Snapshot, store: ColumnarStore
    ) throws -> (extras: TicketExtras, storedFirstResponse: [Int32]) {
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
                // At most Int16.max names; any further name reads as no priority (-1), never
                // as a code past the end of the list.
                var code = codes[p] ?? -1
                if code < 0, names.count < Int(Int16.max) {
                    code = Int16(names.count)
                    names.append(p)
                    codes[p] = code
                }
                priority[Int(row)] = code
            }
            if let f = t.firstResponseTime { stored[Int(row)] = Int32(clamping: f) }
        }
        return (TicketExtras(priority: priority, priorityNames: names), stored)
    }
}
