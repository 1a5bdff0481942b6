extension ColumnarStore {
    /// The first violated layout invariant (see the type's documentation), or nil.
    ///
    /// Every row number, code and offset is checked against the array it indexes, so
    /// kernels that read through them with unchecked pointers stay in bounds whatever the
    /// store came from; ordering inside groups is checked too, because binary search relies
    /// on it.
    /// - Complexity: O(n) over every column, no allocation.
    public func layoutProblem() -> String? {
        let p = personCount
        let n = ticketCount
        let c = conversationCount
        guard personIsAgent.count == p, personFirstName.count == p, personLastName.count == p, personPhoto.count == p
        else { return "person columns differ in length" }
        guard Self.strictlyAscending(personIDs) else { return "person ids are not strictly ascending" }
        guard Self.strictlyAscending(mailboxIDs), mailboxNames.count == mailboxIDs.count else { return "mailboxes" }
        guard Self.strictlyAscending(productIDs), productNames.count == productIDs.count else { return "products" }
        guard n < Int(Int32.max), c < Int(Int32.max) else { return "too many rows" }

        for column in [ticketCreatedAt, ticketResolvedAt, ticketWaitingSince, ticketLastAgentResponse, ticketLastCustomerResponse]
        where column.count != n { return "ticket columns differ in length" }
        guard ticketStatus.count == n, ticketAgent.count == n, ticketMailbox.count == n, ticketProduct.count == n
        else { return "ticket columns differ in length" }
        guard Self.max(ticketStatus) <= TicketStatusCode.other else { return "ticket status code out of range" }
        guard Self.within(ticketAgent, -2, Int32(p)), Self.within(ticketMailbox, -2, Int32(mailboxIDs.count)),
            Self.within(ticketProduct, -2, Int32(productIDs.count))
        else { return "ticket code out of range" }
        guard Self.ascendingPairs(ticketCreatedAt, ticketIDs) else { return "tickets are not ordered by (createdAt, id)" }

        guard closedRows.count == closedResolvedAt.count, Self.within(closedRows, 0, Int32(n)),
            Self.ascending(closedResolvedAt, in: 0..<closedResolvedAt.count)
        else { return "closed tickets by resolved_at" }
        guard Self.validOffsets(assigneeClosedOffsets, groups: p + 1, total: assigneeClosedResolvedAt.count),
            Self.groupsAscending(assigneeClosedResolvedAt, assigneeClosedOffsets)
        else { return "closed tickets by assignee" }
        guard Self.validOffsets(openOffsets, groups: p + 1, total: openRows.count), Self.within(openRows, 0, Int32(n))
        else { return "open tickets by assignee" }

        guard conversationTicket.count == c, conversationType.count == c, conversationPrevSameTicket.count == c
        else { return "conversation columns differ in length" }
        guard Self.validOffsets(conversationOffsets, groups: 2 * (p + 1), total: c) else { return "conversation groups" }
        guard Self.within(conversationTicket, 0, Int32(n)) else { return "conversation ticket out of range" }
        guard Self.max(conversationType) <= ConversationTypeCode.other else { return "conversation type code out of range" }
        guard Self.groupsAscending(conversationTime, conversationOffsets) else { return "conversations are not ordered by time" }
        let prevOK = conversationPrevSameTicket.withUnsafeBufferPointer { prev in
            for i in 0..<prev.count where prev[i] < -1 || prev[i] >= Int32(i) { return false }
            return true
        }
        guard prevOK else { return "conversation links out of range" }
        return nil
    }

    static func strictlyAscending(_ a: [Int64]) -> Bool {
        a.withUnsafeBufferPointer { b in
            for i in b.indices.dropFirst() where b[i - 1] >= b[i] { return false }
            return true
        }
    }

    static func ascending<T: Comparable>(_ a: [T], in range: Range<Int>) -> Bool {
        a.withUnsafeBufferPointer { b in
            var ok = true
            for i in range.dropFirst() { ok = ok && !(b[i] < b[i - 1]) }
            return ok
        }
    }

    static func ascendingPairs(_ primary: [Int64], _ secondary: [Int64]) -> Bool {
        for i in primary.indices.dropFirst() {
            if primary[i] < primary[i - 1] || (primary[i] == primary[i - 1] && secondary[i] <= secondary[i - 1]) {
                return false
            }
        }
        return true
    }

    static func validOffsets(_ offsets: [Int32], groups: Int, total: Int) -> Bool {
        guard offsets.count == groups + 1, offsets.first == 0, Int(offsets[groups]) == total else { return false }
        return offsets.withUnsafeBufferPointer { o in
            var ok = true
            for g in 0..<groups { ok = ok && o[g] <= o[g + 1] }
            return ok
        }
    }

    static func groupsAscending<T: Comparable>(_ values: [T], _ offsets: [Int32]) -> Bool {
        values.withUnsafeBufferPointer { v in
            offsets.withUnsafeBufferPointer { o in
                var ok = true
                for g in 0..<(o.count - 1) where o[g + 1] - o[g] > 1 {
                    for i in Int(o[g] + 1)..<Int(o[g + 1]) { ok = ok && !(v[i] < v[i - 1]) }
                }
                return ok
            }
        }
    }

    /// True when every value is in `low ..< high`.
    static func within(_ values: [Int32], _ low: Int32, _ high: Int32) -> Bool {
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

    static func max(_ values: [UInt8]) -> UInt8 {
        values.withUnsafeBufferPointer { v in
            var m: UInt8 = 0
            for x in v { m = Swift.max(m, x) }
            return m
        }
    }

    /// Bytes held by the columns: element storage of every array plus the heap storage of
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
        total += strings(personFirstName) + strings(personLastName) + strings(personPhoto)
        total += bytes(ticketIDs) + bytes(ticketCreatedAt) + bytes(ticketStatus) + bytes(ticketAgent)
        total += bytes(ticketMailbox) + bytes(ticketProduct) + bytes(ticketResolvedAt) + bytes(ticketWaitingSince)
        total += bytes(ticketLastAgentResponse) + bytes(ticketLastCustomerResponse)
        total += bytes(closedRows) + bytes(closedResolvedAt) + bytes(assigneeClosedOffsets)
        total += bytes(assigneeClosedResolvedAt) + bytes(openOffsets) + bytes(openRows)
        total += bytes(conversationOffsets) + bytes(conversationTime) + bytes(conversationTicket)
        total += bytes(conversationType) + bytes(conversationPrevSameTicket)
        total += bytes(mailboxIDs) + bytes(productIDs) + strings(mailboxNames.map { $0 }) + strings(productNames.map { $0 })
        return total
    }
}
