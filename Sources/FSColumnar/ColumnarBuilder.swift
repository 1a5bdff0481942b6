import FSSnapshot

/// Accumulates rows in any order, then lays them out as a ``ColumnarStore``.
/// Used by the snapshot loader and by tests that build small stores by hand.
///
/// Behaviour at the edges (the same for every way rows come in):
/// - a conversation whose author is not a known person creates a placeholder person
///   with that id (no names, not an agent);
/// - a conversation without author goes to the authorless group (never an agent's);
/// - a conversation whose ticket is unknown is dropped;
/// - a ticket whose agent, mailbox or product id is unknown keeps code `-2`, which no
///   filter matches; NULL is `-1`;
/// - when an id is added twice, the last row wins (persons, mailboxes, products).
public struct ColumnarBuilder {
    private static let none: Int64 = .min

    private var personIDs: [Int64] = []
    private var personIsAgent: [Bool] = []
    private var personFirst: [String?] = []
    private var personLast: [String?] = []
    private var personPhoto: [String?] = []
    private var mailboxes: [NamedEntity] = []
    private var products: [NamedEntity] = []

    private var tID: [Int64] = []
    private var tCreated: [Int64] = []
    private var tStatus: [UInt8] = []
    private var tAgent: [Int64] = []
    private var tMailbox: [Int64] = []
    private var tProduct: [Int64] = []
    private var tResolved: [Int64] = []
    private var tWaiting: [Int64] = []
    private var tLastAgent: [Int64] = []
    private var tLastCustomer: [Int64] = []

    private var cTicket: [Int64] = []
    private var cPerson: [Int64] = []
    private var cType: [UInt8] = []
    private var cCreated: [Int64] = []

    public init() {}

    public mutating func addPerson(_ p: Person) {
        addPerson(id: p.id, isAgent: p.personType == "agent", firstName: p.firstName, lastName: p.lastName, photo: p.photo)
    }

    mutating func addPerson(id: Int64, isAgent: Bool, firstName: String?, lastName: String?, photo: String?) {
        personIDs.append(id)
        personIsAgent.append(isAgent)
        personFirst.append(firstName)
        personLast.append(lastName)
        personPhoto.append(photo)
    }

    public mutating func addMailbox(_ m: NamedEntity) { mailboxes.append(m) }
    public mutating func addProduct(_ p: NamedEntity) { products.append(p) }

    public mutating func addTicket(_ t: Ticket) {
        addTicket(
            id: t.id, createdAt: t.createdAt, status: TicketStatusCode.code(t.status), agentId: t.agentId,
            mailboxId: t.mailboxId, productId: t.productId, resolvedAt: t.resolvedAt, waitingSince: t.waitingSince,
            lastAgentResponse: t.lastAgentResponse, lastCustomerResponse: t.lastCustomerResponse)
    }

    @inline(__always)
    mutating func addTicket(
        id: Int64, createdAt: Int64, status: UInt8, agentId: Int64?, mailboxId: Int64?, productId: Int64?,
        resolvedAt: Int64?, waitingSince: Int64?, lastAgentResponse: Int64?, lastCustomerResponse: Int64?
    ) {
        tID.append(id)
        tCreated.append(createdAt)
        tStatus.append(status)
        tAgent.append(agentId ?? Self.none)
        tMailbox.append(mailboxId ?? Self.none)
        tProduct.append(productId ?? Self.none)
        tResolved.append(resolvedAt ?? ColumnarStore.null)
        tWaiting.append(waitingSince ?? ColumnarStore.null)
        tLastAgent.append(lastAgentResponse ?? ColumnarStore.null)
        tLastCustomer.append(lastCustomerResponse ?? ColumnarStore.null)
    }

    public mutating func addConversation(ticketId: Int64, personId: Int64?, type: String, createdAt: Int64) {
        addConversation(ticketId: ticketId, personId: personId, typeCode: ConversationTypeCode.code(type), createdAt: createdAt)
    }

    @inline(__always)
    mutating func addConversation(ticketId: Int64, personId: Int64?, typeCode: UInt8, createdAt: Int64) {
        cTicket.append(ticketId)
        cPerson.append(personId ?? Self.none)
        cType.append(typeCode)
        cCreated.append(createdAt)
    }

    public mutating func add(_ c: Conversation) {
        addConversation(ticketId: c.ticketId, personId: c.personId, type: c.conversationType, createdAt: c.createdAt)
    }

    /// Appends the conversations `other` collected (ids after this builder's).
    mutating func appendConversations(of other: ColumnarBuilder) {
        cTicket.append(contentsOf: other.cTicket)
        cPerson.append(contentsOf: other.cPerson)
        cType.append(contentsOf: other.cType)
        cCreated.append(contentsOf: other.cCreated)
    }

    /// Reads every table the store needs from `snapshot` (call inside one read
    /// transaction); only the conversations in `conversationIDs` when given, and only
    /// conversations unless `everything`.
    /// - Parameter reserve: conversation rows to make room for (default: the id span read).
    mutating func addRows(
        from snapshot: Snapshot, conversationIDs: ClosedRange<Int64>? = nil, everything: Bool = true, reserve: Int64? = nil
    ) throws {
        if everything { try addNonConversationRows(from: snapshot) }
        let span =
            try reserve ?? conversationIDs.map { $0.upperBound - $0.lowerBound + 1 }
            ?? (snapshot.conversationIDRange().map { $0.upperBound - $0.lowerBound + 1 } ?? 0)
        let capacity = Int(min(max(span, 0), 1 << 31))
        cTicket.reserveCapacity(capacity)
        cPerson.reserveCapacity(capacity)
        cType.reserveCapacity(capacity)
        cCreated.reserveCapacity(capacity)
        try snapshot.scanConversations(typeCodes: ConversationTypeCode.names, ids: conversationIDs) {
            ticket, person, type, created in
            addConversation(
                ticketId: ticket, personId: person, typeCode: UInt8(min(type, Int(ConversationTypeCode.other))),
                createdAt: created)
        }
    }

    private mutating func addNonConversationRows(from snapshot: Snapshot) throws {
        try snapshot.scanPersons { id, isAgent, first, last, photo in
            addPerson(id: id, isAgent: isAgent, firstName: first, lastName: last, photo: photo)
        }
        mailboxes.append(contentsOf: try snapshot.mailboxes())
        products.append(contentsOf: try snapshot.products())
        let statusCodes = TicketStatusCode.names
        try snapshot.scanTickets(statusCodes: statusCodes) { t in
            addTicket(
                id: t.id, createdAt: t.createdAt, status: UInt8(min(t.statusCode, Int(TicketStatusCode.other))),
                agentId: t.agentId, mailboxId: t.mailboxId, productId: t.productId, resolvedAt: t.resolvedAt,
                waitingSince: t.waitingSince, lastAgentResponse: t.lastAgentResponse,
                lastCustomerResponse: t.lastCustomerResponse)
        }
    }

    // MARK: Layout

    public func build() -> ColumnarStore {
        // Persons by id (last row of an id wins), then placeholders for unknown authors.
        var persons = sortedPersons()
        var personLookup = IDLookup(persons.ids)
        var convPerson = [Int32](repeating: -1, count: cPerson.count)
        var unknown: [Int64] = []
        cPerson.withUnsafeBufferPointer { ids in
            convPerson.withUnsafeMutableBufferPointer { codes in
                for i in 0..<ids.count where ids[i] != Self.none {
                    let code = personLookup.code(of: ids[i])
                    codes[i] = code >= 0 ? code : -2
                    if code < 0 { unknown.append(ids[i]) }
                }
            }
        }
        if !unknown.isEmpty {
            persons.addPlaceholders(unknown)
            personLookup = IDLookup(persons.ids)
            cPerson.withUnsafeBufferPointer { ids in
                convPerson.withUnsafeMutableBufferPointer { codes in
                    for i in 0..<ids.count where ids[i] != Self.none { codes[i] = personLookup.code(of: ids[i]) }
                }
            }
        }
        let personCount = persons.ids.count

        let mailboxList = Self.lastWins(mailboxes)
        let productList = Self.lastWins(products)
        let mailboxLookup = IDLookup(mailboxList.map(\.id))
        let productLookup = IDLookup(productList.map(\.id))

        // Tickets ordered by (createdAt, id).
        let order = ticketOrder()
        let n = order.count
        func permuted<T>(_ column: [T]) -> [T] {
            column.withUnsafeBufferPointer { src in
                [T](unsafeUninitializedCapacity: n) { dst, count in
                    for row in 0..<n { dst[row] = src[Int(order[row])] }
                    count = n
                }
            }
        }
        func coded(_ column: [Int64], _ lookup: IDLookup) -> [Int32] {
            column.withUnsafeBufferPointer { src in
                [Int32](unsafeUninitializedCapacity: n) { dst, count in
                    for row in 0..<n {
                        let id = src[Int(order[row])]
                        if id == Self.none {
                            dst[row] = -1
                        } else {
                            let code = lookup.code(of: id)
                            dst[row] = code >= 0 ? code : -2
                        }
                    }
                    count = n
                }
            }
        }
        let ticketIDs = permuted(tID)
        let createdAt = permuted(tCreated)
        let status = permuted(tStatus)
        let agent = coded(tAgent, personLookup)
        let mailbox = coded(tMailbox, mailboxLookup)
        let product = coded(tProduct, productLookup)
        let resolvedAt = permuted(tResolved)
        let waitingSince = permuted(tWaiting)
        let lastAgent = permuted(tLastAgent)
        let lastCustomer = permuted(tLastCustomer)

        let closed = Self.closedLayout(status: status, resolvedAt: resolvedAt, agent: agent, personCount: personCount)
        let open = Self.openLayout(status: status, agent: agent, personCount: personCount)
        let conversations = conversationLayout(
            ticketIDs: ticketIDs, convPerson: convPerson, personCount: personCount)

        return ColumnarStore(
            personIDs: persons.ids, personIsAgent: persons.isAgent, personFirstName: StringColumn(persons.first),
            personLastName: StringColumn(persons.last), personPhoto: StringColumn(persons.photo), ticketIDs: Column(ticketIDs),
            ticketCreatedAt: Column(createdAt), ticketStatus: Column(status), ticketAgent: Column(agent),
            ticketMailbox: Column(mailbox), ticketProduct: Column(product), ticketResolvedAt: Column(resolvedAt),
            ticketWaitingSince: Column(waitingSince), ticketLastAgentResponse: Column(lastAgent),
            ticketLastCustomerResponse: Column(lastCustomer), closedRows: Column(closed.rows),
            closedResolvedAt: Column(closed.resolvedAt), assigneeClosedOffsets: Column(closed.assigneeOffsets),
            assigneeClosedResolvedAt: Column(closed.assigneeResolvedAt), openOffsets: Column(open.offsets),
            openRows: Column(open.rows), conversationOffsets: Column(conversations.offsets),
            conversationTimeBase: conversations.base, conversationTime: Column(conversations.time),
            conversationTicket: Column(conversations.ticket), conversationType: Column(conversations.type),
            conversationPrevSameTicket: Column(conversations.prev), mailboxIDs: mailboxList.map(\.id),
            mailboxNames: mailboxList.map(\.name), productIDs: productList.map(\.id),
            productNames: productList.map(\.name))
    }

    struct PersonColumns {
        var ids: [Int64] = []
        var isAgent: [Bool] = []
        var first: [String?] = []
        var last: [String?] = []
        var photo: [String?] = []

        /// Merges placeholder persons (no names, not agents) for `extra` ids, keeping id order.
        mutating func addPlaceholders(_ extra: [Int64]) {
            var add = extra
            add.sort()
            var merged = PersonColumns()
            let total = ids.count + add.count
            merged.ids.reserveCapacity(total)
            var i = 0
            var j = 0
            while i < ids.count || j < add.count {
                if j == add.count || (i < ids.count && ids[i] < add[j]) {
                    merged.ids.append(ids[i])
                    merged.isAgent.append(isAgent[i])
                    merged.first.append(first[i])
                    merged.last.append(last[i])
                    merged.photo.append(photo[i])
                    i += 1
                } else {
                    if merged.ids.last != add[j] {
                        merged.ids.append(add[j])
                        merged.isAgent.append(false)
                        merged.first.append(nil)
                        merged.last.append(nil)
                        merged.photo.append(nil)
                    }
                    j += 1
                }
            }
            self = merged
        }
    }

    private func sortedPersons() -> PersonColumns {
        var ascending = true
        for i in personIDs.indices.dropFirst() where personIDs[i - 1] >= personIDs[i] {
            ascending = false
            break
        }
        if ascending {
            return PersonColumns(ids: personIDs, isAgent: personIsAgent, first: personFirst, last: personLast, photo: personPhoto)
        }
        let base = personIDs.min() ?? 0
        let order = RadixSort.stableOrder(personIDs.map { UInt64(bitPattern: $0 &- base) })
        var out = PersonColumns()
        for (k, index) in order.enumerated() {
            let i = Int(index)
            // Equal ids are adjacent in input order: the later one replaces the earlier.
            if k > 0, out.ids.last == personIDs[i] {
                out.isAgent[out.isAgent.count - 1] = personIsAgent[i]
                out.first[out.first.count - 1] = personFirst[i]
                out.last[out.last.count - 1] = personLast[i]
                out.photo[out.photo.count - 1] = personPhoto[i]
                continue
            }
            out.ids.append(personIDs[i])
            out.isAgent.append(personIsAgent[i])
            out.first.append(personFirst[i])
            out.last.append(personLast[i])
            out.photo.append(personPhoto[i])
        }
        return out
    }

    /// Sorted by id; of rows with the same id the last added wins. (A handful of rows.)
    private static func lastWins(_ entities: [NamedEntity]) -> [NamedEntity] {
        let base = entities.map(\.id).min() ?? 0
        let order = RadixSort.stableOrder(entities.map { UInt64(bitPattern: $0.id &- base) })
        var result: [NamedEntity] = []
        for index in order {
            let e = entities[Int(index)]
            if result.last?.id == e.id { result[result.count - 1] = e } else { result.append(e) }
        }
        return result
    }

    /// Input positions of the tickets in `(createdAt, id)` order.
    private func ticketOrder() -> [Int32] {
        let n = tID.count
        var byID: [Int32]
        var ascendingIDs = true
        for i in tID.indices.dropFirst() where tID[i - 1] > tID[i] {
            ascendingIDs = false
            break
        }
        if ascendingIDs {
            byID = (0..<n).map { Int32($0) }
        } else {
            let base = tID.min() ?? 0
            byID = RadixSort.stableOrder(tID.map { UInt64(bitPattern: $0 &- base) })
        }
        let base = tCreated.min() ?? 0
        let keys = byID.map { UInt64(bitPattern: tCreated[Int($0)] &- base) }
        let byCreated = RadixSort.stableOrder(keys)
        return byCreated.map { byID[Int($0)] }
    }

    /// Closed tickets: globally by `(resolvedAt, row)` (non-NULL only), and by assignee.
    private static func closedLayout(status: [UInt8], resolvedAt: [Int64], agent: [Int32], personCount: Int) -> (
        rows: [Int32], resolvedAt: [Int64], assigneeOffsets: [Int32], assigneeResolvedAt: [Int64]
    ) {
        var rows: [Int32] = []
        var all: [Int32] = []
        var minResolved = Int64.max
        var maxResolved = Int64.min
        for row in status.indices where status[row] == TicketStatusCode.closed {
            all.append(Int32(row))
            let r = resolvedAt[row]
            if r != ColumnarStore.null {
                rows.append(Int32(row))
                minResolved = min(minResolved, r)
                maxResolved = max(maxResolved, r)
            }
        }
        // Global order (rows are ascending, and the sort is stable: ties by row).
        let globalOrder = RadixSort.stableOrder(rows.map { UInt64(bitPattern: resolvedAt[Int($0)] &- minResolved) })
        let closedRows = globalOrder.map { rows[Int($0)] }
        let closedResolvedAt = closedRows.map { resolvedAt[Int($0)] }

        // By assignee, NULL first, then by resolvedAt and row.
        let groups = personCount + 1
        func group(_ row: Int32) -> Int { let a = agent[Int(row)]; return a >= 0 ? Int(a) : personCount }
        let timeBits =
            rows.isEmpty ? 0 : UInt64.bitWidth - UInt64(bitPattern: (maxResolved &- minResolved) &+ 1).leadingZeroBitCount
        let groupBits = UInt64.bitWidth - UInt64(groups).leadingZeroBitCount
        let order: [Int32]
        if timeBits + groupBits <= 64 {
            order = RadixSort.stableOrder(
                all.map { row in
                    let r = resolvedAt[Int(row)]
                    let t = r == ColumnarStore.null ? 0 : UInt64(bitPattern: r &- minResolved) + 1
                    return UInt64(group(row)) << UInt64(timeBits) | t
                })
        } else {
            order = all.indices.map { Int32($0) }.sorted { a, b in
                let ra = all[Int(a)]
                let rb = all[Int(b)]
                let ga = group(ra)
                let gb = group(rb)
                if ga != gb { return ga < gb }
                let ta = resolvedAt[Int(ra)]
                let tb = resolvedAt[Int(rb)]
                if ta != tb { return ta < tb }
                return ra < rb
            }
        }
        var offsets = [Int32](repeating: 0, count: groups + 1)
        for row in all { offsets[group(row) + 1] += 1 }
        for g in 0..<groups { offsets[g + 1] += offsets[g] }
        let assigneeResolvedAt = order.map { resolvedAt[Int(all[Int($0)])] }
        return (closedRows, closedResolvedAt, offsets, assigneeResolvedAt)
    }

    /// Open tickets grouped by assignee (counting sort, rows ascending in a group).
    private static func openLayout(status: [UInt8], agent: [Int32], personCount: Int) -> (offsets: [Int32], rows: [Int32]) {
        let groups = personCount + 1
        var offsets = [Int32](repeating: 0, count: groups + 1)
        for row in status.indices where status[row] != TicketStatusCode.closed {
            let a = agent[row]
            offsets[(a >= 0 ? Int(a) : personCount) + 1] += 1
        }
        for g in 0..<groups { offsets[g + 1] += offsets[g] }
        var cursor = offsets
        var rows = [Int32](repeating: 0, count: Int(offsets[groups]))
        for row in status.indices where status[row] != TicketStatusCode.closed {
            let a = agent[row]
            let g = a >= 0 ? Int(a) : personCount
            rows[Int(cursor[g])] = Int32(row)
            cursor[g] += 1
        }
        return (offsets, rows)
    }

    struct ConversationColumns {
        var offsets: [Int32]
        var base: Int64
        var time: [UInt32]
        var ticket: [Int32]
        var type: [UInt8]
        var prev: [Int32]
    }

    /// Conversations grouped by (kind, author), by `(createdAt, id)` inside a group, with
    /// the previous-row-on-the-same-ticket links.
    private func conversationLayout(ticketIDs: [Int64], convPerson: [Int32], personCount: Int) -> ConversationColumns {
        let total = cTicket.count
        let ticketLookup = IDLookup(ticketIDs, rows: true)
        let groupsPerKind = personCount + 1
        let groups = 2 * groupsPerKind

        // Ticket row and group of every input row; orphans (unknown ticket) are dropped.
        var ticketRow = [Int32](repeating: -1, count: total)
        var base = Int64.max
        var kept = 0
        cTicket.withUnsafeBufferPointer { tickets in
            cCreated.withUnsafeBufferPointer { created in
                ticketRow.withUnsafeMutableBufferPointer { rows in
                    for i in 0..<total {
                        let row = ticketLookup.code(of: tickets[i])
                        rows[i] = row
                        if row >= 0 {
                            kept += 1
                            base = min(base, created[i])
                        }
                    }
                }
            }
        }
        if kept == 0 { base = 0 }

        // Keys: group << timeBits | clamped time offset; stable, so ties keep id order.
        var maxOffset: UInt64 = 0
        var keys = [UInt64](repeating: 0, count: kept)
        var source = [Int32](repeating: 0, count: kept)
        cCreated.withUnsafeBufferPointer { created in
            cType.withUnsafeBufferPointer { types in
                ticketRow.withUnsafeBufferPointer { rows in
                    convPerson.withUnsafeBufferPointer { persons in
                        var k = 0
                        for i in 0..<total where rows[i] >= 0 {
                            let offset = Self.clampedOffset(created[i], base)
                            maxOffset = max(maxOffset, offset)
                            let author = persons[i] >= 0 ? Int(persons[i]) : personCount
                            let kind = types[i] == ConversationTypeCode.response ? 0 : 1
                            keys[k] = UInt64(kind * groupsPerKind + author) << 32 | offset
                            source[k] = Int32(i)
                            k += 1
                        }
                    }
                }
            }
        }
        let timeBits = UInt64(UInt64.bitWidth - maxOffset.leadingZeroBitCount)
        if timeBits < 32 {
            keys.withUnsafeMutableBufferPointer { k in
                for i in 0..<k.count { k[i] = (k[i] >> 32) << timeBits | (k[i] & 0xFFFF_FFFF) }
            }
        }
        let order = RadixSort.stableOrder(keys)
        let groupShift = timeBits < 32 ? timeBits : 32

        var offsets = [Int32](repeating: 0, count: groups + 1)
        var time = [UInt32](repeating: 0, count: kept)
        var ticket = [Int32](repeating: 0, count: kept)
        var type = [UInt8](repeating: 0, count: kept)
        keys.withUnsafeBufferPointer { keys in
            source.withUnsafeBufferPointer { source in
                ticketRow.withUnsafeBufferPointer { rows in
                    cType.withUnsafeBufferPointer { types in
                        time.withUnsafeMutableBufferPointer { time in
                            ticket.withUnsafeMutableBufferPointer { ticket in
                                type.withUnsafeMutableBufferPointer { type in
                                    offsets.withUnsafeMutableBufferPointer { offsets in
                                        let timeMask = (UInt64(1) << groupShift) - 1
                                        for j in 0..<kept {
                                            let k = Int(order[j])
                                            let key = keys[k]
                                            let i = Int(source[k])
                                            time[j] = UInt32(key & timeMask)
                                            ticket[j] = rows[i]
                                            type[j] = types[i]
                                            offsets[Int(key >> groupShift) + 1] += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for g in 0..<groups { offsets[g + 1] += offsets[g] }
        let prev = Self.previousSameTicket(ticket: ticket, offsets: offsets, ticketCount: ticketIDs.count)
        return ConversationColumns(offsets: offsets, base: base, time: time, ticket: ticket, type: type, prev: prev)
    }

    /// `created − base` clamped to `0 ... UInt32.max`.
    @inline(__always)
    static func clampedOffset(_ created: Int64, _ base: Int64) -> UInt64 {
        let (d, overflow) = created.subtractingReportingOverflow(base)
        if overflow || d > Int64(UInt32.max) { return UInt64(UInt32.max) }
        return UInt64(max(d, 0))
    }

    /// For each row, the previous row of the same group on the same ticket, or -1.
    static func previousSameTicket(ticket: [Int32], offsets: [Int32], ticketCount: Int) -> [Int32] {
        var last = [Int32](repeating: -1, count: ticketCount)
        var prev = [Int32](repeating: -1, count: ticket.count)
        ticket.withUnsafeBufferPointer { ticket in
            prev.withUnsafeMutableBufferPointer { prev in
                last.withUnsafeMutableBufferPointer { last in
                    for g in 0..<(offsets.count - 1) {
                        let start = offsets[g]
                        for i in Int(start)..<Int(offsets[g + 1]) {
                            let t = Int(ticket[i])
                            let p = last[t]
                            prev[i] = p >= start ? p : -1
                            last[t] = Int32(i)
                        }
                    }
                }
            }
        }
        return prev
    }
}
