/// The snapshot as typed column arrays, built once per run and read by the reports.
///
/// Layout (all arrays of one table have the same length; row numbers are `Int32`):
/// - **Persons** are addressed by a dense *person index* in ascending id order. Authors of
///   conversations that the persons table does not know get a placeholder person (no
///   names, never an agent) so their rows stay addressable.
/// - **Tickets** are rows ordered by `(createdAt, id)`, so a creation-date range is one
///   contiguous slice. Foreign keys are dense codes: `ticketAgent` is a person index,
///   `ticketMailbox` / `ticketProduct` index `mailboxIDs` / `productIDs`; `-1` is NULL and
///   `-2` an id that names no known row (it matches no filter). Nullable timestamps use
///   ``ColumnarStore/null`` (`Int64.min`).
/// - **Closed tickets** (status `closed`) are listed twice: `closedRows` /
///   `closedResolvedAt` hold those with a `resolved_at`, ordered by `(resolvedAt, row)`,
///   for date ranges over all tickets; `assigneeClosedResolvedAt` holds every closed ticket
///   grouped by assignee (person index `g`, rows `assigneeClosedOffsets[g] ..<
///   assigneeClosedOffsets[g + 1]`; group `personCount` for unassigned or unknown
///   assignees), ordered by `resolvedAt` inside a group with NULL first.
/// - **Open tickets** (status not `closed`) are grouped by assignee the same way:
///   `openRows[openOffsets[g] ..< openOffsets[g + 1]]`, rows ascending.
/// - **Conversations** are grouped by kind and author: group `g = kind * (personCount + 1) + p`
///   where kind 0 is `response` and kind 1 every other type, and `p` is the author's person
///   index (`personCount` for conversations without an author). Rows
///   `conversationOffsets[g] ..< conversationOffsets[g + 1]` are ordered by
///   `(createdAt, id)`, so one author's responses in a date range are one slice found by
///   binary search, and all responses are the rows before ``responseEnd``.
///   `conversationTime` is `createdAt − conversationTimeBase` as `UInt32` (136 years of
///   seconds; a timestamp further than that from the earliest one is clamped to the
///   nearest representable second). `conversationPrevSameTicket[i]` is the previous row of
///   the same group on the same ticket, or `-1`: the distinct tickets of a slice
///   `lo..<hi` are the rows whose previous row is before `lo`, so counting them needs no
///   hashing. Conversations whose ticket is not in the snapshot are dropped at load (the
///   site deletes a ticket's conversations with it).
///
/// Resident size: about 13 bytes per conversation and 80 per ticket (``byteCount``).
public struct ColumnarStore: Sendable, Equatable {
    /// Sentinel for a NULL timestamp.
    public static let null: Int64 = .min

    // MARK: Persons
    public private(set) var personIDs: [Int64]
    public private(set) var personIsAgent: [Bool]
    public private(set) var personFirstName: StringColumn
    public private(set) var personLastName: StringColumn
    public private(set) var personPhoto: StringColumn
    /// Person indexes of every agent, in ascending id order.
    public private(set) var agentIndexes: [Int32]

    // MARK: Tickets (rows ordered by createdAt, then id)
    public private(set) var ticketIDs: Column<Int64>
    public private(set) var ticketCreatedAt: Column<Int64>
    public private(set) var ticketStatus: Column<UInt8>
    public private(set) var ticketAgent: Column<Int32>
    public private(set) var ticketMailbox: Column<Int32>
    public private(set) var ticketProduct: Column<Int32>
    public private(set) var ticketResolvedAt: Column<Int64>
    public private(set) var ticketWaitingSince: Column<Int64>
    public private(set) var ticketLastAgentResponse: Column<Int64>
    public private(set) var ticketLastCustomerResponse: Column<Int64>

    /// Rows of closed tickets with a `resolved_at`, ordered by `(resolvedAt, row)`;
    /// `closedResolvedAt[i]` is `ticketResolvedAt[closedRows[i]]`, contiguous for binary search.
    public private(set) var closedRows: Column<Int32>
    public private(set) var closedResolvedAt: Column<Int64>
    /// Every closed ticket's `resolved_at` (``null`` first), grouped by assignee.
    public private(set) var assigneeClosedOffsets: Column<Int32>
    public private(set) var assigneeClosedResolvedAt: Column<Int64>
    /// Rows of tickets whose status is not `closed`, grouped by assignee, ascending inside a group.
    public private(set) var openOffsets: Column<Int32>
    public private(set) var openRows: Column<Int32>

    // MARK: Conversations (grouped by kind and author, ordered by createdAt within a group)
    public private(set) var conversationOffsets: Column<Int32>
    public private(set) var conversationTimeBase: Int64
    public private(set) var conversationTime: Column<UInt32>
    public private(set) var conversationTicket: Column<Int32>
    public private(set) var conversationType: Column<UInt8>
    public private(set) var conversationPrevSameTicket: Column<Int32>

    // MARK: Dimensions
    public private(set) var mailboxIDs: [Int64]
    public private(set) var mailboxNames: [String]
    public private(set) var productIDs: [Int64]
    public private(set) var productNames: [String]

    /// Assembles a store from columns laid out as documented on the type.
    /// - Precondition: the layout invariants hold (checked in debug builds; the loader
    ///   guarantees them, the column cache passes `checkLayout: false` and validates what it
    ///   read itself, treating a violation as a corrupt file).
    init(
        personIDs: [Int64], personIsAgent: [Bool], personFirstName: StringColumn, personLastName: StringColumn,
        personPhoto: StringColumn, ticketIDs: Column<Int64>, ticketCreatedAt: Column<Int64>, ticketStatus: Column<UInt8>,
        ticketAgent: Column<Int32>, ticketMailbox: Column<Int32>, ticketProduct: Column<Int32>, ticketResolvedAt: Column<Int64>,
        ticketWaitingSince: Column<Int64>, ticketLastAgentResponse: Column<Int64>, ticketLastCustomerResponse: Column<Int64>,
        closedRows: Column<Int32>, closedResolvedAt: Column<Int64>, assigneeClosedOffsets: Column<Int32>,
        assigneeClosedResolvedAt: Column<Int64>, openOffsets: Column<Int32>, openRows: Column<Int32>,
        conversationOffsets: Column<Int32>,
        conversationTimeBase: Int64, conversationTime: Column<UInt32>, conversationTicket: Column<Int32>,
        conversationType: Column<UInt8>, conversationPrevSameTicket: Column<Int32>, mailboxIDs: [Int64], mailboxNames: [String],
        productIDs: [Int64], productNames: [String], checkLayout: Bool = true
    ) {
        self.personIDs = personIDs
        self.personIsAgent = personIsAgent
        self.personFirstName = personFirstName
        self.personLastName = personLastName
        self.personPhoto = personPhoto
        var agents: [Int32] = []
        personIsAgent.withUnsafeBufferPointer { flags in
            for p in flags.indices where flags[p] { agents.append(Int32(p)) }
        }
        self.agentIndexes = agents
        self.ticketIDs = ticketIDs
        self.ticketCreatedAt = ticketCreatedAt
        self.ticketStatus = ticketStatus
        self.ticketAgent = ticketAgent
        self.ticketMailbox = ticketMailbox
        self.ticketProduct = ticketProduct
        self.ticketResolvedAt = ticketResolvedAt
        self.ticketWaitingSince = ticketWaitingSince
        self.ticketLastAgentResponse = ticketLastAgentResponse
        self.ticketLastCustomerResponse = ticketLastCustomerResponse
        self.closedRows = closedRows
        self.closedResolvedAt = closedResolvedAt
        self.assigneeClosedOffsets = assigneeClosedOffsets
        self.assigneeClosedResolvedAt = assigneeClosedResolvedAt
        self.openOffsets = openOffsets
        self.openRows = openRows
        self.conversationOffsets = conversationOffsets
        self.conversationTimeBase = conversationTimeBase
        self.conversationTime = conversationTime
        self.conversationTicket = conversationTicket
        self.conversationType = conversationType
        self.conversationPrevSameTicket = conversationPrevSameTicket
        self.mailboxIDs = mailboxIDs
        self.mailboxNames = mailboxNames
        self.productIDs = productIDs
        self.productNames = productNames
        if checkLayout { assert(layoutProblem() == nil, layoutProblem() ?? "") }
    }

    public var personCount: Int { personIDs.count }
    public var ticketCount: Int { ticketIDs.count }
    public var conversationCount: Int { conversationTime.count }

    /// Number of conversation groups of one kind (persons plus the authorless group).
    @inline(__always) var groupsPerKind: Int { personIDs.count + 1 }

    /// The dense index of a person id.
    /// - Complexity: O(log p).
    public func personIndex(id: Int64) -> Int32? {
        Self.index(of: id, in: personIDs).map(Int32.init)
    }

    public func mailboxIndex(id: Int64) -> Int32? { Self.index(of: id, in: mailboxIDs).map(Int32.init) }

    public func productIndex(id: Int64) -> Int32? { Self.index(of: id, in: productIDs).map(Int32.init) }

    /// Conversation rows of type `response` written by person `person` (`personCount`:
    /// without author), ordered by time.
    /// - Complexity: O(1).
    public func responseRange(person: Int) -> Range<Int> {
        Int(conversationOffsets[person])..<Int(conversationOffsets[person + 1])
    }

    /// Conversation rows of any other type written by `person`, ordered by time.
    public func otherConversationRange(person: Int) -> Range<Int> {
        let g = groupsPerKind + person
        return Int(conversationOffsets[g])..<Int(conversationOffsets[g + 1])
    }

    /// Number of conversations of any type written by `person`.
    public func conversationCount(person: Int) -> Int {
        responseRange(person: person).count + otherConversationRange(person: person).count
    }

    /// Rows before this index are all the `response` conversations.
    public var responseEnd: Int { Int(conversationOffsets[groupsPerKind]) }

    /// Closed tickets assigned to `person` (`personCount`: unassigned or unknown), as
    /// indexes into ``assigneeClosedResolvedAt``.
    public func assigneeClosedRange(person: Int) -> Range<Int> {
        Int(assigneeClosedOffsets[person])..<Int(assigneeClosedOffsets[person + 1])
    }

    /// Open tickets assigned to `person`, as indexes into ``openRows``.
    public func openRange(person: Int) -> Range<Int> {
        Int(openOffsets[person])..<Int(openOffsets[person + 1])
    }

    /// `createdAt` of conversation row `i`, in site-local seconds.
    @inline(__always)
    public func conversationCreatedAt(_ i: Int) -> Int64 { conversationTimeBase + Int64(conversationTime[i]) }

    /// A site-local timestamp as a key comparable with ``conversationTime`` values: the
    /// first row whose time is `>= t` is the first whose `UInt64(time) >= key`.
    @inline(__always)
    public func conversationKey(_ t: Int64) -> UInt64 {
        let (offset, overflow) = t.subtractingReportingOverflow(conversationTimeBase)
        if overflow { return t < conversationTimeBase ? 0 : 1 << 32 }
        return offset <= 0 ? 0 : UInt64(min(offset, 1 << 32))
    }

    static func index(of id: Int64, in sorted: [Int64]) -> Int? {
        let i = lowerBound(sorted, id, in: 0..<sorted.count)
        return i < sorted.count && sorted[i] == id ? i : nil
    }

    /// An empty store.
    public static var empty: ColumnarStore { ColumnarBuilder().build() }
}

/// Status codes of `ticketStatus`.
public enum TicketStatusCode {
    public static let new: UInt8 = 0
    public static let active: UInt8 = 1
    public static let closed: UInt8 = 2
    /// Any other status: counts as "not closed" everywhere, and as neither new nor active.
    public static let other: UInt8 = 3

    /// The statuses coded 0, 1, 2 in this order; anything else is ``other``.
    public static let names = ["new", "active", "closed"]

    public static func code(_ status: String) -> UInt8 {
        switch status {
        case "new": return new
        case "active": return active
        case "closed": return closed
        default: return other
        }
    }
}

/// Type codes of `conversationType`.
public enum ConversationTypeCode {
    public static let response: UInt8 = 0
    public static let note: UInt8 = 1
    public static let internalInfo: UInt8 = 2
    public static let other: UInt8 = 3

    /// The types coded 0, 1, 2 in this order; anything else is ``other``.
    public static let names = ["response", "note", "internal_info"]

    public static func code(_ type: String) -> UInt8 {
        switch type {
        case "response": return response
        case "note": return note
        case "internal_info": return internalInfo
        default: return other
        }
    }
}

/// First index in `range` whose value is `>= value` (`range.upperBound` when none).
/// - Complexity: O(log n).
@inline(__always)
public func lowerBound(_ sorted: [Int64], _ value: Int64, in range: Range<Int>) -> Int {
    sorted.withUnsafeBufferPointer { lowerBound($0, value, in: range) }
}

/// First index in `range` whose value is `>= value` (`range.upperBound` when none).
/// - Complexity: O(log n).
@inlinable @inline(__always)
public func lowerBound(_ sorted: UnsafeBufferPointer<Int64>, _ value: Int64, in range: Range<Int>) -> Int {
    var low = range.lowerBound
    var count = range.count
    while count > 0 {
        let half = count >> 1
        let mid = low + half
        if sorted[mid] < value {
            low = mid + 1
            count -= half + 1
        } else {
            count = half
        }
    }
    return low
}

/// First index in `range` whose `Int64(value) >= key` (`range.upperBound` when none).
/// - Complexity: O(log n).
@inlinable @inline(__always)
public func lowerBound(_ sorted: UnsafeBufferPointer<Int32>, key: Int64, in range: Range<Int>) -> Int {
    var low = range.lowerBound
    var count = range.count
    while count > 0 {
        let half = count >> 1
        let mid = low + half
        if Int64(sorted[mid]) < key {
            low = mid + 1
            count -= half + 1
        } else {
            count = half
        }
    }
    return low
}

/// First index in `range` whose `UInt64(value) >= key` (see ``ColumnarStore/conversationKey(_:)``).
/// - Complexity: O(log n).
@inlinable @inline(__always)
public func lowerBound(_ sorted: UnsafeBufferPointer<UInt32>, key: UInt64, in range: Range<Int>) -> Int {
    var low = range.lowerBound
    var count = range.count
    while count > 0 {
        let half = count >> 1
        let mid = low + half
        if UInt64(sorted[mid]) < key {
            low = mid + 1
            count -= half + 1
        } else {
            count = half
        }
    }
    return low
}
