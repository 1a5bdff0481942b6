/// The columns of a ``ColumnarStore`` and its ``ReportColumns`` as a cache file holds them,
/// in three parts read by parallel threads. ``Conversations/columns(_:_:)``,
/// ``Rest/columns(_:_:)`` and ``Reports/columns(_:_:)`` are the one list of
/// the file's columns, their order and their row counts: the writer, the reader and the
/// length check all follow it.
enum ColumnCachePayload {
    /// Part 1: the conversation columns.
    struct Conversations {
        var offsets = Column<Int32>()
        var time = Column<UInt32>()
        var ticket = Column<Int32>()
        var type = Column<UInt8>()
        var prev = Column<Int32>()

        init() {}

        init(_ s: ColumnarStore) {
            offsets = s.conversationOffsets
            time = s.conversationTime
            ticket = s.conversationTicket
            type = s.conversationType
            prev = s.conversationPrevSameTicket
        }

        mutating func columns<C: ColumnCacheCoder>(_ coder: inout C, _ h: ColumnCache.Header) throws {
            let c = h.conversations
            try coder.column(&offsets, count: 2 * (h.persons + 1) + 1)
            try coder.column(&time, count: c)
            try coder.column(&ticket, count: c)
            try coder.column(&type, count: c)
            try coder.column(&prev, count: c)
        }

        /// The exact length of part 1 for the header's row counts (`.max` when they are absurd).
        static func byteCount(_ h: ColumnCache.Header) -> UInt64 {
            guard h.persons >= 0, h.conversations >= 0, h.persons < Int(Int32.max), h.conversations < Int(Int32.max)
            else { return .max }
            var part = Conversations()
            var sizer = ColumnCacheSizer()
            guard (try? part.columns(&sizer, h)) != nil else { return .max }
            return UInt64(sizer.bytes)
        }
    }

    /// Part 2: persons, tickets, closed and open tickets, dimensions.
    struct Rest {
        var personIDs = Column<Int64>()
        var isAgent = Column<UInt8>()
        var first = StringColumn([])
        var last = StringColumn([])
        var photo = StringColumn([])
        var ticketIDs = Column<Int64>()
        var created = Column<Int64>()
        var status = Column<UInt8>()
        var agent = Column<Int32>()
        var mailbox = Column<Int32>()
        var product = Column<Int32>()
        var resolved = Column<Int64>()
        var waiting = Column<Int64>()
        var lastAgent = Column<Int64>()
        var lastCustomer = Column<Int64>()
        var closedRows = Column<Int32>()
        var closedResolved = Column<Int64>()
        var assigneeOffsets = Column<Int32>()
        var assigneeResolved = Column<Int64>()
        var openOffsets = Column<Int32>()
        var openRows = Column<Int32>()
        var mailboxIDs = Column<Int64>()
        var mailboxNames = StringColumn([])
        var productIDs = Column<Int64>()
        var productNames = StringColumn([])

        init() {}

        init(_ s: ColumnarStore) {
            personIDs = Column(s.personIDs)
            isAgent = Column(s.personIsAgent.map { $0 ? UInt8(1) : 0 })
            first = s.personFirstName
            last = s.personLastName
            photo = s.personPhoto
            ticketIDs = s.ticketIDs
            created = s.ticketCreatedAt
            status = s.ticketStatus
            agent = s.ticketAgent
            mailbox = s.ticketMailbox
            product = s.ticketProduct
            resolved = s.ticketResolvedAt
            waiting = s.ticketWaitingSince
            lastAgent = s.ticketLastAgentResponse
            lastCustomer = s.ticketLastCustomerResponse
            closedRows = s.closedRows
            closedResolved = s.closedResolvedAt
            assigneeOffsets = s.assigneeClosedOffsets
            assigneeResolved = s.assigneeClosedResolvedAt
            openOffsets = s.openOffsets
            openRows = s.openRows
            mailboxIDs = Column(s.mailboxIDs)
            mailboxNames = StringColumn(s.mailboxNames)
            productIDs = Column(s.productIDs)
            productNames = StringColumn(s.productNames)
        }

        mutating func columns<C: ColumnCacheCoder>(_ coder: inout C, _ h: ColumnCache.Header) throws {
            let p = h.persons
            let n = h.tickets
            try coder.column(&personIDs, count: p)
            try coder.column(&isAgent, count: p)
            try coder.strings(&first, count: p)
            try coder.strings(&last, count: p)
            try coder.strings(&photo, count: p)
            try coder.column(&ticketIDs, count: n)
            try coder.column(&created, count: n)
            try coder.column(&status, count: n)
            try coder.column(&agent, count: n)
            try coder.column(&mailbox, count: n)
            try coder.column(&product, count: n)
            try coder.column(&resolved, count: n)
            try coder.column(&waiting, count: n)
            try coder.column(&lastAgent, count: n)
            try coder.column(&lastCustomer, count: n)
            try coder.column(&closedRows, count: h.closed)
            try coder.column(&closedResolved, count: h.closed)
            try coder.column(&assigneeOffsets, count: p + 2)
            try coder.column(&assigneeResolved, count: h.assigneeClosed)
            try coder.column(&openOffsets, count: p + 2)
            try coder.column(&openRows, count: h.open)
            try coder.column(&mailboxIDs, count: h.mailboxes)
            try coder.strings(&mailboxNames, count: h.mailboxes)
            try coder.column(&productIDs, count: h.products)
            try coder.strings(&productNames, count: h.products)
        }

        /// The store of both parts (names must not be nil: the reader checks).
        func assemble(_ c: Conversations, timeBase: Int64) -> ColumnarStore {
            ColumnarStore(
                personIDs: Array(personIDs), personIsAgent: isAgent.map { $0 != 0 }, personFirstName: first,
                personLastName: last, personPhoto: photo, ticketIDs: ticketIDs, ticketCreatedAt: created,
                ticketStatus: status, ticketAgent: agent, ticketMailbox: mailbox, ticketProduct: product,
                ticketResolvedAt: resolved, ticketWaitingSince: waiting, ticketLastAgentResponse: lastAgent,
                ticketLastCustomerResponse: lastCustomer, closedRows: closedRows, closedResolvedAt: closedResolved,
                assigneeClosedOffsets: assigneeOffsets, assigneeClosedResolvedAt: assigneeResolved,
                openOffsets: openOffsets, openRows: openRows, conversationOffsets: c.offsets,
                conversationTimeBase: timeBase, conversationTime: c.time, conversationTicket: c.ticket,
                conversationType: c.type, conversationPrevSameTicket: c.prev, mailboxIDs: Array(mailboxIDs),
                mailboxNames: mailboxNames.map { $0! }, productIDs: Array(productIDs),
                productNames: productNames.map { $0! }, checkLayout: false)
        }
    }

    /// Part 3: the report columns (``ReportColumns``).
    struct Reports {
        var firstReplyBase = Column<Int64>()
        var firstReply = Column<UInt32>()
        var firstReplyAgent = Column<Int32>()
        var agentReplies = Column<UInt16>()
        var customerMessages = Column<UInt16>()
        var frtRows = Column<Int32>()
        var frtDuration = Column<Int32>()
        var unanswered = Column<Int32>()
        var unansweredOpen = Column<Int64>()
        var sampleBase = Column<Int64>()
        var sampleEnd = Column<UInt32>()
        var sampleDuration = Column<Int32>()
        var sampleAgent = Column<Int32>()
        var sampleTicket = Column<Int32>()
        var pendingRows = Column<Int32>()
        var pendingBase = Column<Int64>()
        var pendingSince = Column<UInt32>()
        var firstCloseBase = Column<Int64>()
        var firstClose = Column<UInt32>()
        var reopens = Column<UInt8>()
        var source = Column<UInt8>()
        var reopenBase = Column<Int64>()
        var reopenAt = Column<UInt32>()
        var reopenRow = Column<Int32>()
        var reopenSinceClose = Column<Int32>()
        var boundaryBase = Column<Int64>()
        var extraCloseTime = Column<UInt32>()
        var extraCloseRow = Column<Int32>()
        var staleCloseTime = Column<UInt32>()
        var staleCloseRow = Column<Int32>()
        var openTime = Column<UInt32>()
        var openRow = Column<Int32>()
        var openNow = Column<Int32>()
        var openByStatusOnly = Column<Int32>()
        var closedByStatusOnly = Column<Int32>()
        var waitingSince = Column<Int64>()
        var waitingRow = Column<Int32>()
        var priority = Column<Int16>()
        var priorityNames = StringColumn([])
        var storedDiffers = Column<Int32>()
        var frtPriority = Column<UInt8>()
        var closedPriority = Column<UInt8>()
        var closedDuration = Column<Int32>()
        var frtSketch = Sketch()
        var replySketch = Sketch()
        var resolutionSketch = Sketch()
        var firstResolutionDay = Column<Int64>()
        var firstResolutionStarts = Column<Int32>()
        var firstResolutionDuration = Column<Int32>()
        var firstResolutionSketch = Sketch()
        var reopenSketch = Sketch()
        var frtFirstDay = Column<Int64>()
        var frtDayLow = Column<Int32>()
        var frtDayHigh = Column<Int32>()
        var tallyOne = Column<UInt16>()
        var tallyZero = Column<UInt16>()
        var tallyBack = Column<UInt16>()
        var tallyAgentSum = Column<UInt32>()
        var tallyCustomerSum = Column<UInt32>()
        var tallyWorst = Column<UInt8>()
        var tallyAgentCounts = Column<UInt16>()
        var tallyCustomerCounts = Column<UInt16>()

        /// A ``DurationSketch``'s stored columns.
        struct Sketch {
            var edges = Column<Int32>()
            var blockCounts = Column<UInt16>()
            var superCounts = Column<UInt32>()
            var prefixSums = Column<Int64>()
            var blockMax = Column<Int32>()

            init() {}

            init(_ s: DurationSketch) {
                (edges, blockCounts, superCounts) = (s.edges, s.blockCounts, s.superCounts)
                (prefixSums, blockMax) = (s.prefixSums, s.blockMax)
            }

            /// The columns of the sketch of a column of `count` values.
            mutating func columns<C: ColumnCacheCoder>(_ coder: inout C, count: Int) throws {
                let (blocks, supers) = DurationSketch.lengths(count: count)
                let slots = DurationSketch.slotCount
                try coder.column(&edges, count: slots)
                try coder.column(&blockCounts, count: blocks * slots)
                try coder.column(&superCounts, count: supers * slots)
                try coder.column(&prefixSums, count: blocks + 1)
                try coder.column(&blockMax, count: blocks)
            }

            var sketch: DurationSketch {
                DurationSketch(
                    edges: edges, blockCounts: blockCounts, superCounts: superCounts, prefixSums: prefixSums,
                    blockMax: blockMax)
            }
        }

        init() {}

        init(_ c: ReportColumns) {
            let r = c.responses
            let h = c.history
            firstReplyBase = [r.firstReplyAt.base]
            firstReply = r.firstReplyAt.offsets
            firstReplyAgent = r.firstReplyAgent
            agentReplies = r.agentReplies
            customerMessages = r.customerMessages
            frtRows = r.frtRows
            frtDuration = r.frtDuration
            unanswered = r.unanswered
            unansweredOpen = [Int64(r.unansweredOpen)]
            sampleBase = [r.timeBase]
            sampleEnd = r.sampleEnd
            sampleDuration = r.sampleDuration
            sampleAgent = r.sampleAgent
            sampleTicket = r.sampleTicket
            pendingRows = r.pendingRows
            pendingBase = [r.pendingSince.base]
            pendingSince = r.pendingSince.offsets
            firstCloseBase = [h.firstClose.base]
            firstClose = h.firstClose.offsets
            reopens = h.reopens
            source = h.source.codes
            reopenBase = [h.reopenAt.base]
            reopenAt = h.reopenAt.offsets
            reopenRow = h.reopenRow
            reopenSinceClose = h.reopenSinceClose
            boundaryBase = [h.boundaryBase]
            extraCloseTime = h.extraCloseTime
            extraCloseRow = h.extraCloseRow
            staleCloseTime = h.staleCloseTime
            staleCloseRow = h.staleCloseRow
            openTime = h.openTime
            openRow = h.openRow
            openNow = h.openNow
            openByStatusOnly = h.openByStatusOnly
            closedByStatusOnly = h.closedByStatusOnly
            waitingSince = h.waitingSince
            waitingRow = h.waitingRow
            priority = c.tickets.priority
            priorityNames = StringColumn(c.tickets.priorityNames)
            storedDiffers = c.storedDiffers
            frtPriority = c.sla.frtPriority
            closedPriority = c.sla.closedPriority
            closedDuration = c.sla.closedDuration
            frtSketch = Sketch(c.sketches.firstResponse)
            replySketch = Sketch(c.sketches.reply)
            resolutionSketch = Sketch(c.sketches.resolution)
            firstResolutionDay = [c.firstResolutions.firstDay]
            firstResolutionStarts = c.firstResolutions.dayStarts
            firstResolutionDuration = c.firstResolutions.durations
            firstResolutionSketch = Sketch(c.sketches.firstResolution)
            reopenSketch = Sketch(c.sketches.reopen)
            frtFirstDay = [c.sketches.frtDays.firstDay]
            frtDayLow = c.sketches.frtDays.low
            frtDayHigh = c.sketches.frtDays.high
            let t = c.tallies
            (tallyOne, tallyZero, tallyBack, tallyWorst) = (t.one, t.zero, t.back, t.worst)
            (tallyAgentSum, tallyCustomerSum) = (t.agentSum, t.customerSum)
            (tallyAgentCounts, tallyCustomerCounts) = (t.agentCounts, t.customerCounts)
        }

        mutating func columns<C: ColumnCacheCoder>(_ coder: inout C, _ h: ColumnCache.Header) throws {
            let n = h.tickets
            try coder.column(&firstReplyBase, count: 1)
            try coder.column(&firstReply, count: n)
            try coder.column(&firstReplyAgent, count: n)
            try coder.column(&agentReplies, count: n)
            try coder.column(&customerMessages, count: n)
            try coder.column(&frtRows, count: h.answered)
            try coder.column(&frtDuration, count: h.answered)
            try coder.column(&unanswered, count: h.unanswered)
            try coder.column(&unansweredOpen, count: 1)
            try coder.column(&sampleBase, count: 1)
            try coder.column(&sampleEnd, count: h.samples)
            try coder.column(&sampleDuration, count: h.samples)
            try coder.column(&sampleAgent, count: h.samples)
            try coder.column(&sampleTicket, count: h.samples)
            try coder.column(&pendingRows, count: h.pending)
            try coder.column(&pendingBase, count: 1)
            try coder.column(&pendingSince, count: h.pending)
            try coder.column(&firstCloseBase, count: 1)
            try coder.column(&firstClose, count: n)
            try coder.column(&reopens, count: n)
            try coder.column(&source, count: n)
            try coder.column(&reopenBase, count: 1)
            try coder.column(&reopenAt, count: h.reopenEvents)
            try coder.column(&reopenRow, count: h.reopenEvents)
            try coder.column(&reopenSinceClose, count: h.reopenEvents)
            try coder.column(&boundaryBase, count: 1)
            try coder.column(&extraCloseTime, count: h.extraCloses)
            try coder.column(&extraCloseRow, count: h.extraCloses)
            try coder.column(&staleCloseTime, count: h.staleCloses)
            try coder.column(&staleCloseRow, count: h.staleCloses)
            try coder.column(&openTime, count: h.reopenBoundaries)
            try coder.column(&openRow, count: h.reopenBoundaries)
            try coder.column(&openNow, count: h.openNow)
            try coder.column(&openByStatusOnly, count: h.openByStatusOnly)
            try coder.column(&closedByStatusOnly, count: h.closedByStatusOnly)
            try coder.column(&waitingSince, count: h.waiting)
            try coder.column(&waitingRow, count: h.waiting)
            try coder.column(&priority, count: n)
            try coder.strings(&priorityNames, count: h.priorityNames)
            try coder.column(&storedDiffers, count: h.storedDiffers)
            try coder.column(&frtPriority, count: h.answered)
            try coder.column(&closedPriority, count: h.closed)
            try coder.column(&closedDuration, count: h.closed)
            try frtSketch.columns(&coder, count: h.answered)
            try replySketch.columns(&coder, count: h.samples)
            try resolutionSketch.columns(&coder, count: h.closed)
            try coder.column(&firstResolutionDay, count: 1)
            try coder.column(&firstResolutionStarts, count: h.firstCloseDays + 1)
            try coder.column(&firstResolutionDuration, count: h.firstCloses)
            try firstResolutionSketch.columns(&coder, count: h.firstCloses)
            try reopenSketch.columns(&coder, count: h.reopenEvents)
            try coder.column(&frtFirstDay, count: 1)
            try coder.column(&frtDayLow, count: h.frtDays)
            try coder.column(&frtDayHigh, count: h.frtDays)
            let (blocks, counts) = CohortTallies.lengths(count: h.closed)
            try coder.column(&tallyOne, count: blocks)
            try coder.column(&tallyZero, count: blocks)
            try coder.column(&tallyBack, count: blocks)
            try coder.column(&tallyAgentSum, count: blocks)
            try coder.column(&tallyCustomerSum, count: blocks)
            try coder.column(&tallyWorst, count: blocks)
            try coder.column(&tallyAgentCounts, count: counts)
            try coder.column(&tallyCustomerCounts, count: counts)
        }

        /// The report columns (priority names must not be nil: the reader checks).
        func assemble() -> ReportColumns {
            let responses = ResponseColumns(
                firstReplyAt: TimeColumn(base: firstReplyBase[0], offsets: firstReply), firstReplyAgent: firstReplyAgent,
                agentReplies: agentReplies, customerMessages: customerMessages, frtRows: frtRows,
                frtDuration: frtDuration, unanswered: unanswered, unansweredOpen: Int(unansweredOpen[0]), sampleEnd: sampleEnd,
                timeBase: sampleBase[0],
                sampleDuration: sampleDuration, sampleAgent: sampleAgent, sampleTicket: sampleTicket,
                pendingRows: pendingRows, pendingSince: TimeColumn(base: pendingBase[0], offsets: pendingSince))
            let history = CloseHistory(
                firstClose: TimeColumn(base: firstCloseBase[0], offsets: firstClose), reopens: reopens,
                source: CloseHistory.SourceColumn(codes: source),
                reopenAt: TimeColumn(base: reopenBase[0], offsets: reopenAt), reopenRow: reopenRow,
                reopenSinceClose: reopenSinceClose, extraCloseTime: extraCloseTime, extraCloseRow: extraCloseRow,
                staleCloseTime: staleCloseTime, staleCloseRow: staleCloseRow, openTime: openTime, openRow: openRow,
                boundaryBase: boundaryBase[0], openNow: openNow, openByStatusOnly: openByStatusOnly,
                closedByStatusOnly: closedByStatusOnly, waitingSince: waitingSince, waitingRow: waitingRow)
            let tickets = TicketExtras(priority: priority, priorityNames: priorityNames.map { $0! })
            let sla = SLAColumns(frtPriority: frtPriority, closedPriority: closedPriority, closedDuration: closedDuration)
            let sketches = DurationSketches(
                firstResponse: frtSketch.sketch, reply: replySketch.sketch, resolution: resolutionSketch.sketch,
                firstResolution: firstResolutionSketch.sketch, reopen: reopenSketch.sketch,
                frtDays: DayMiddles(firstDay: frtFirstDay[0], low: frtDayLow, high: frtDayHigh))
            let firstResolutions = FirstResolutions(
                firstDay: firstResolutionDay[0], dayStarts: firstResolutionStarts, durations: firstResolutionDuration)
            return ReportColumns(
                responses: responses, history: history, tickets: tickets, storedDiffers: storedDiffers, sla: sla,
                firstResolutions: firstResolutions, sketches: sketches,
                tallies: CohortTallies(
                    one: tallyOne, zero: tallyZero, back: tallyBack, agentSum: tallyAgentSum,
                    customerSum: tallyCustomerSum, worst: tallyWorst, agentCounts: tallyAgentCounts,
                    customerCounts: tallyCustomerCounts))
        }
    }
}
