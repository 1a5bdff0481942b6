extension ColumnarStore {
    /// The first violated layout invariant (see the type's documentation), or nil.
    ///
    /// Every row number, code and offset is checked against the array it indexes, so
    /// kernels that read through them with unchecked pointers stay in bounds whatever the
    /// store came from. With `checkOrder`, the orderings binary search relies on and the
    /// same-ticket links are checked too (they decide correctness, never safety; the
    /// column cache leaves them to its checksums).
    /// - Complexity: O(n) over every column, no allocation.
    public func layoutProblem(checkOrder: Bool = true) -> String? {
        Self.conversationProblem(
            offsets: conversationOffsets, time: conversationTime, ticket: conversationTicket, type: conversationType,
            prev: conversationPrevSameTicket, personCount: personCount, ticketCount: ticketCount, checkOrder: checkOrder)
            ?? restProblem(checkOrder: checkOrder)
    }

    /// Checks of the conversation columns alone (the cache runs them on its own thread).
    static func conversationProblem(
        offsets: Column<Int32>, time: Column<UInt32>, ticket: Column<Int32>, type: Column<UInt8>, prev: Column<Int32>,
        personCount p: Int, ticketCount n: Int, checkOrder: Bool
    ) -> String? {
        let c = time.count
        guard c < Int(Int32.max), ticket.count == c, type.count == c, prev.count == c
        else { return "conversation columns differ in length" }
        guard validOffsets(offsets, groups: 2 * (p + 1), total: c) else { return "conversation groups" }
        guard within(ticket, 0, Int32(clamping: n)) else { return "conversation ticket out of range" }
        guard maxCode(type) <= ConversationTypeCode.other else { return "conversation type code out of range" }
        guard checkOrder else { return nil }
        guard groupsAscending(time, offsets) else { return "conversations are not ordered by time" }
        let responseEnd = Int(offsets[p + 1])
        let kindsGrouped = type.withUnsafeBufferPointer { types in
            for i in 0..<responseEnd where types[i] != ConversationTypeCode.response { return false }
            for i in responseEnd..<c where types[i] == ConversationTypeCode.response { return false }
            return true
        }
        guard kindsGrouped else { return "conversation kinds are not grouped" }
        // -1 <= prev[i] < i, i.e. UInt32(prev[i] + 1) <= i, accumulated without branches.
        let linksOK = prev.withUnsafeBufferPointer { prev in
            var bad: UInt32 = 0
            for i in 0..<prev.count {
                bad |= UInt32(bitPattern: prev[i] &+ 1) > UInt32(truncatingIfNeeded: i) ? 1 : 0
            }
            return bad == 0
        }
        return linksOK ? nil : "conversation links out of range"
    }

    /// Checks of persons, tickets, closed and open tickets and dimensions.
    func restProblem(checkOrder: Bool) -> String? {
        let p = personCount
        let n = ticketCount
        guard personIsAgent.count == p, personFirstName.count == p, personLastName.count == p, personPhoto.count == p
        else { return "person columns differ in length" }
        guard Self.strictlyAscending(personIDs) else { return "person ids are not strictly ascending" }
        guard Self.strictlyAscending(mailboxIDs), mailboxNames.count == mailboxIDs.count else { return "mailboxes" }
        guard Self.strictlyAscending(productIDs), productNames.count == productIDs.count else { return "products" }
        guard n < Int(Int32.max) else { return "too many rows" }
        for column in [
            ticketCreatedAt, ticketResolvedAt, ticketWaitingSince, ticketLastAgentResponse, ticketLastCustomerResponse,
        ]
        where column.count != n { return "ticket columns differ in length" }
        guard ticketStatus.count == n, ticketAgent.count == n, ticketMailbox.count == n, ticketProduct.count == n
        else { return "ticket columns differ in length" }
        guard Self.maxCode(ticketStatus) <= TicketStatusCode.other else { return "ticket status code out of range" }
        guard Self.within(ticketAgent, -2, Int32(p)), Self.within(ticketMailbox, -2, Int32(mailboxIDs.count)),
            Self.within(ticketProduct, -2, Int32(productIDs.count))
        else { return "ticket code out of range" }
        guard closedRows.count == closedResolvedAt.count, Self.within(closedRows, 0, Int32(n))
        else { return "closed tickets by resolved_at" }
        guard Self.validOffsets(assigneeClosedOffsets, groups: p + 1, total: assigneeClosedResolvedAt.count)
        else { return "closed tickets by assignee" }
        guard Self.validOffsets(openOffsets, groups: p + 1, total: openRows.count), Self.within(openRows, 0, Int32(n))
        else { return "open tickets by assignee" }
        guard checkOrder else { return nil }
        guard Self.ascendingPairs(ticketCreatedAt, ticketIDs) else { return "tickets are not ordered by (createdAt, id)" }
        guard Self.groupsAscending(closedResolvedAt, [0, Int32(closedResolvedAt.count)]) else {
            return "closed tickets by resolved_at"
        }
        guard Self.groupsAscending(assigneeClosedResolvedAt, assigneeClosedOffsets) else { return "closed tickets by assignee" }
        return nil
    }

    static func strictlyAscending(_ a: [Int64]) -> Bool {
        a.withUnsafeBufferPointer { b in
            for i in b.indices.dropFirst() where b[i - 1] >= b[i] { return false }
            return true
        }
    }

    static func ascendingPairs(_ primary: Column<Int64>, _ secondary: Column<Int64>) -> Bool {
        primary.withUnsafeBufferPointer { p in
            secondary.withUnsafeBufferPointer { s in
                var bad = false
                for i in p.indices.dropFirst() {
                    bad = bad || p[i] < p[i - 1] || (p[i] == p[i - 1] && s[i] <= s[i - 1])
                }
                return !bad
            }
        }
    }

    static func validOffsets<C: Collection>(_ offsets: C, groups: Int, total: Int) -> Bool
    where C.Element == Int32, C.Index == Int {
        guard offsets.count == groups + 1, offsets.first == 0, Int(offsets[groups]) == total else { return false }
        var previous: Int32 = 0
        var ok = true
        for o in offsets {
            ok = ok && previous <= o
            previous = o
        }
        return ok
    }

    /// True when values ascend inside every group: all descents of the whole column sit
    /// at group starts (one branch-free pass, then one check per group).
    static func groupsAscending<T: FixedWidthInteger, C: Collection>(_ values: Column<T>, _ offsets: C) -> Bool
    where C.Element == Int32 {
        values.withUnsafeBufferPointer { v in
            guard v.count > 1 else { return true }
            var descents = 0
            for i in 1..<v.count { descents &+= v[i] < v[i - 1] ? 1 : 0 }
            var atStarts = 0
            var previousStart = -1
            for o in offsets {
                let start = Int(o)
                if start > 0, start < v.count, start != previousStart, v[start] < v[start - 1] { atStarts += 1 }
                previousStart = start
            }
            return descents == atStarts
        }
    }

    /// True when every value is in `low ..< high`.
    static func within(_ values: Column<Int32>, _ low: Int32, _ high: Int32) -> Bool {
        values.withUnsafeBufferPointer { v in
            var lo = Int32.max
            var hi = Int32.min
            for x in v {
                lo = Swift.min(lo, x)
                hi = Swift.max(hi, x)
            }
            return v.isEmpty || (lo >= low && hi < high)
        }
    }

    static func maxCode(_ values: Column<UInt8>) -> UInt8 {
        values.withUnsafeBufferPointer { v in
            var m: UInt8 = 0
            for x in v { m = Swift.max(m, x) }
            return m
        }
    }

    /// Bytes held by the columns: element storage of every column plus the heap storage of
    /// names too long to be stored inline.
    /// - Complexity: O(p) over the person names.
    public var byteCount: Int {
        func bytes<T>(_ a: [T]) -> Int { a.count * MemoryLayout<T>.stride }
        func strings(_ a: [String?]) -> Int {
            a.reduce(bytes(a)) { sum, s in
                guard let s, s.utf8.count > 15 else { return sum }
                return sum + 32 + s.utf8.count
            }
        }
        var total = bytes(personIDs) + bytes(personIsAgent) + bytes(agentIndexes)
        total += personFirstName.byteCount + personLastName.byteCount + personPhoto.byteCount
        total += ticketIDs.byteCount + ticketCreatedAt.byteCount + ticketStatus.byteCount + ticketAgent.byteCount
        total += ticketMailbox.byteCount + ticketProduct.byteCount + ticketResolvedAt.byteCount
        total += ticketWaitingSince.byteCount + ticketLastAgentResponse.byteCount + ticketLastCustomerResponse.byteCount
        total += closedRows.byteCount + closedResolvedAt.byteCount + assigneeClosedOffsets.byteCount
        total += assigneeClosedResolvedAt.byteCount + openOffsets.byteCount + openRows.byteCount
        total += conversationOffsets.byteCount + conversationTime.byteCount + conversationTicket.byteCount
        total += conversationType.byteCount + conversationPrevSameTicket.byteCount
        total += bytes(mailboxIDs) + bytes(productIDs) + strings(mailboxNames.map { $0 }) + strings(productNames.map { $0 })
        return total
    }
}
