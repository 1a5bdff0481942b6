import FSSnapshot

extension ColumnarStore {
    /// Builds the store from a snapshot: one pass per table, then in-memory sorts.
    /// - Complexity: O(t log t + c) for t tickets and c conversations (conversations
    ///   loaded in id order are nearly time-ordered, which the per-person sort exploits).
    public static func load(from snapshot: Snapshot) throws -> ColumnarStore {
        var builder = ColumnarBuilder()
        for person in try snapshot.persons() { builder.addPerson(person) }
        for mailbox in try snapshot.mailboxes() { builder.addMailbox(mailbox) }
        for product in try snapshot.products() { builder.addProduct(product) }
        try snapshot.forEachTicket { builder.addTicket($0) }
        try snapshot.forEachConversation { id, ticketId, personId, type, createdAt in
            builder.addConversation(ticketId: ticketId, personId: personId, type: type, createdAt: createdAt)
        }
        return builder.build()
    }
}

/// Accumulates rows in any order, then lays them out as a ``ColumnarStore``.
/// Used by the snapshot loader and by tests that build small stores by hand.
public struct ColumnarBuilder {
    private var persons: [Person] = []
    private var mailboxes: [NamedEntity] = []
    private var products: [NamedEntity] = []
    private var tickets: [Ticket] = []
    private var convTicket: [Int64] = []
    private var convPerson: [Int64] = []
    private var convType: [UInt8] = []
    private var convCreatedAt: [Int64] = []
    private static let noPerson: Int64 = .min

    public init() {}

    public mutating func addPerson(_ p: Person) { persons.append(p) }
    public mutating func addMailbox(_ m: NamedEntity) { mailboxes.append(m) }
    public mutating func addProduct(_ p: NamedEntity) { products.append(p) }
    public mutating func addTicket(_ t: Ticket) { tickets.append(t) }

    public mutating func addConversation(ticketId: Int64, personId: Int64?, type: String, createdAt: Int64) {
        convTicket.append(ticketId)
        convPerson.append(personId ?? Self.noPerson)
        convType.append(ConversationTypeCode.code(type))
        convCreatedAt.append(createdAt)
    }

    public mutating func add(_ c: Conversation) {
        addConversation(ticketId: c.ticketId, personId: c.personId, type: c.conversationType, createdAt: c.createdAt)
    }

    public func build() -> ColumnarStore {
        // Persons, plus placeholders for authors the persons table does not know (kept
        // so their ids stay addressable; never agents).
        var personByID: [Int64: Person] = [:]
        for p in persons { personByID[p.id] = p }
        for id in convPerson where id != Self.noPerson && personByID[id] == nil {
            personByID[id] = Person(id: id, personType: "")
        }
        let people = personByID.values.sorted { $0.id < $1.id }
        let personIDs = people.map(\.id)
        let personCount = people.count
        let personLookup = IDLookup(personIDs)

        let mailboxList = mailboxes.sorted { $0.id < $1.id }
        let productList = products.sorted { $0.id < $1.id }
        let mailboxLookup = IDLookup(mailboxList.map(\.id))
        let productLookup = IDLookup(productList.map(\.id))

        // Tickets ordered by (createdAt, id).
        let ordered = tickets.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        let n = ordered.count
        var ticketIDs = [Int64](repeating: 0, count: n)
        var createdAt = [Int64](repeating: 0, count: n)
        var status = [UInt8](repeating: 0, count: n)
        var agent = [Int32](repeating: -1, count: n)
        var mailbox = [Int32](repeating: -1, count: n)
        var product = [Int32](repeating: -1, count: n)
        var resolvedAt = [Int64](repeating: ColumnarStore.null, count: n)
        var waitingSince = [Int64](repeating: ColumnarStore.null, count: n)
        var lastAgent = [Int64](repeating: ColumnarStore.null, count: n)
        var lastCustomer = [Int64](repeating: ColumnarStore.null, count: n)
        for (row, t) in ordered.enumerated() {
            ticketIDs[row] = t.id
            createdAt[row] = t.createdAt
            status[row] = TicketStatusCode.code(t.status)
            agent[row] = t.agentId.flatMap { personLookup.index(of: $0) } ?? -1
            mailbox[row] = t.mailboxId.flatMap { mailboxLookup.index(of: $0) } ?? -1
            product[row] = t.productId.flatMap { productLookup.index(of: $0) } ?? -1
            resolvedAt[row] = t.resolvedAt ?? ColumnarStore.null
            waitingSince[row] = t.waitingSince ?? ColumnarStore.null
            lastAgent[row] = t.lastAgentResponse ?? ColumnarStore.null
            lastCustomer[row] = t.lastCustomerResponse ?? ColumnarStore.null
        }
        // An agent id that is not a known person still filters exactly: give it a row
        // code that matches no person (the reports look agents up by id).
        for (row, t) in ordered.enumerated() where t.agentId != nil && agent[row] < 0 {
            agent[row] = -2
        }

        var closedRows: [Int32] = []
        var openRows: [Int32] = []
        for row in 0..<n {
            if status[row] == TicketStatusCode.closed {
                if resolvedAt[row] != ColumnarStore.null { closedRows.append(Int32(row)) }
            } else {
                openRows.append(Int32(row))
            }
        }
        closedRows.sort { (resolvedAt[Int($0)], $0) < (resolvedAt[Int($1)], $1) }
        let closedResolvedAt = closedRows.map { resolvedAt[Int($0)] }

        // Conversations: counting sort by author, then by time within each author.
        let ticketRowByID = IDLookup(ticketIDs, rows: true)
        let groups = personCount + 1
        var counts = [Int](repeating: 0, count: groups + 1)
        var group = [Int32](repeating: 0, count: convTicket.count)
        var ticketRow = [Int32](repeating: -1, count: convTicket.count)
        for i in convTicket.indices {
            guard let row = ticketRowByID.index(of: convTicket[i]) else { continue }
            ticketRow[i] = row
            let g = convPerson[i] == Self.noPerson ? Int32(personCount) : personLookup.index(of: convPerson[i])!
            group[i] = g
            counts[Int(g) + 1] += 1
        }
        for g in 0..<groups { counts[g + 1] += counts[g] }
        let offsets = counts
        let total = offsets[groups]
        var cursor = offsets
        var order = [Int](repeating: 0, count: total)
        for i in convTicket.indices where ticketRow[i] >= 0 {
            let g = Int(group[i])
            order[cursor[g]] = i
            cursor[g] += 1
        }
        for g in 0..<groups {
            let range = offsets[g]..<offsets[g + 1]
            var sorted = true
            for k in range.dropFirst() where convCreatedAt[order[k - 1]] > convCreatedAt[order[k]] {
                sorted = false
                break
            }
            if !sorted {
                order[range].sort { (convCreatedAt[$0], $0) < (convCreatedAt[$1], $1) }
            }
        }
        let cCreated = order.map { convCreatedAt[$0] }
        let cTicket = order.map { ticketRow[$0] }
        let cType = order.map { convType[$0] }

        return ColumnarStore(
            personIDs: personIDs, personIsAgent: people.map { $0.personType == "agent" },
            personFirstName: people.map(\.firstName), personLastName: people.map(\.lastName),
            personPhoto: people.map(\.photo), ticketIDs: ticketIDs, ticketCreatedAt: createdAt,
            ticketStatus: status, ticketAgent: agent, ticketMailbox: mailbox, ticketProduct: product,
            ticketResolvedAt: resolvedAt, ticketWaitingSince: waitingSince, ticketLastAgentResponse: lastAgent,
            ticketLastCustomerResponse: lastCustomer, closedRows: closedRows, closedResolvedAt: closedResolvedAt,
            openRows: openRows, conversationOffsets: offsets, conversationCreatedAt: cCreated,
            conversationTicket: cTicket, conversationType: cType, mailboxIDs: mailboxList.map(\.id),
            mailboxNames: mailboxList.map(\.name), productIDs: productList.map(\.id),
            productNames: productList.map(\.name))
    }
}

/// Id → dense index: a direct table when ids are dense enough, else binary search.
struct IDLookup {
    private let direct: [Int32]
    private let base: Int64
    private let sortedIDs: [Int64]
    private let rows: [Int32]

    /// - Parameters:
    ///   - ids: ids in row order; sorted ascending unless `rows` is true.
    ///   - rows: the ids are in arbitrary order and the index is their position.
    init(_ ids: [Int64], rows: Bool = false) {
        if rows {
            let order = ids.indices.sorted { ids[$0] < ids[$1] }
            sortedIDs = order.map { ids[$0] }
            self.rows = order.map { Int32($0) }
        } else {
            sortedIDs = ids
            self.rows = []
        }
        base = sortedIDs.first ?? 0
        let span = (sortedIDs.last ?? 0) - base + 1
        if !sortedIDs.isEmpty, span <= Int64(sortedIDs.count) * 4 + 1024 {
            var table = [Int32](repeating: -1, count: Int(span))
            for (k, id) in sortedIDs.enumerated() { table[Int(id - base)] = rows ? self.rows[k] : Int32(k) }
            direct = table
        } else {
            direct = []
        }
    }

    @inline(__always)
    func index(of id: Int64) -> Int32? {
        if !direct.isEmpty {
            let offset = id - base
            guard offset >= 0, offset < Int64(direct.count) else { return nil }
            let v = direct[Int(offset)]
            return v >= 0 ? v : nil
        }
        guard let k = ColumnarStore.index(of: id, in: sortedIDs) else { return nil }
        return rows.isEmpty ? Int32(k) : rows[k]
    }
}
