/// The snapshot as typed column arrays, built once per run and read by the reports.
///
/// Layout (all arrays of one table have the same length):
/// - **Persons** are addressed by a dense *person index* in ascending id order.
/// - **Tickets** are rows ordered by `(createdAt, id)`, so a creation-date range is one
///   contiguous slice. Foreign keys are dense codes: `ticketAgent` is a person index,
///   `ticketMailbox` / `ticketProduct` index `mailboxIDs` / `productIDs`; `-1` is NULL.
///   Nullable timestamps use ``ColumnarStore/null`` (`Int64.min`) as their sentinel.
/// - **Conversations** are grouped by author (person index) and ordered by `createdAt`
///   inside each group: `conversationOffsets[p] ..< conversationOffsets[p + 1]` are person
///   `p`'s rows, so one agent's date range is one contiguous slice found by binary search,
///   and distinct-ticket counts need no hashing. Conversations without an author sit in the
///   trailing group `personCount`. Conversations whose ticket is not in the snapshot are
///   dropped at load (the site deletes a ticket's conversations with it).
public struct ColumnarStore: Sendable {
    /// Sentinel for a NULL timestamp.
    public static let null: Int64 = .min

    // MARK: Persons
    public var personIDs: [Int64]
    public var personIsAgent: [Bool]
    public var personFirstName: [String?]
    public var personLastName: [String?]
    public var personPhoto: [String?]

    // MARK: Tickets (rows ordered by createdAt, then id)
    public var ticketIDs: [Int64]
    public var ticketCreatedAt: [Int64]
    public var ticketStatus: [UInt8]
    public var ticketAgent: [Int32]
    public var ticketMailbox: [Int32]
    public var ticketProduct: [Int32]
    public var ticketResolvedAt: [Int64]
    public var ticketWaitingSince: [Int64]
    public var ticketLastAgentResponse: [Int64]
    public var ticketLastCustomerResponse: [Int64]

    /// Rows of closed tickets with a `resolved_at`, ordered by it; `closedResolvedAt[i]` is
    /// `ticketResolvedAt[closedRows[i]]`, kept contiguous for binary search.
    public var closedRows: [Int32]
    public var closedResolvedAt: [Int64]
    /// Rows of tickets whose status is not `closed`, ascending.
    public var openRows: [Int32]

    // MARK: Conversations (grouped by person, ordered by createdAt within a group)
    public var conversationOffsets: [Int]
    public var conversationCreatedAt: [Int64]
    public var conversationTicket: [Int32]
    public var conversationType: [UInt8]

    // MARK: Dimensions
    public var mailboxIDs: [Int64]
    public var mailboxNames: [String]
    public var productIDs: [Int64]
    public var productNames: [String]

    public init(
        personIDs: [Int64], personIsAgent: [Bool], personFirstName: [String?], personLastName: [String?],
        personPhoto: [String?], ticketIDs: [Int64], ticketCreatedAt: [Int64], ticketStatus: [UInt8],
        ticketAgent: [Int32], ticketMailbox: [Int32], ticketProduct: [Int32], ticketResolvedAt: [Int64],
        ticketWaitingSince: [Int64], ticketLastAgentResponse: [Int64], ticketLastCustomerResponse: [Int64],
        closedRows: [Int32], closedResolvedAt: [Int64], openRows: [Int32], conversationOffsets: [Int],
        conversationCreatedAt: [Int64], conversationTicket: [Int32], conversationType: [UInt8],
        mailboxIDs: [Int64], mailboxNames: [String], productIDs: [Int64], productNames: [String]
    ) {
        self.personIDs = personIDs
        self.personIsAgent = personIsAgent
        self.personFirstName = personFirstName
        self.personLastName = personLastName
        self.personPhoto = personPhoto
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
        self.openRows = openRows
        self.conversationOffsets = conversationOffsets
        self.conversationCreatedAt = conversationCreatedAt
        self.conversationTicket = conversationTicket
        self.conversationType = conversationType
        self.mailboxIDs = mailboxIDs
        self.mailboxNames = mailboxNames
        self.productIDs = productIDs
        self.productNames = productNames
    }

    public var personCount: Int { personIDs.count }
    public var ticketCount: Int { ticketIDs.count }
    public var conversationCount: Int { conversationCreatedAt.count }

    /// Person indexes of every agent, in ascending id order.
    public var agentIndexes: [Int32] {
        personIsAgent.indices.compactMap { personIsAgent[$0] ? Int32($0) : nil }
    }

    /// The dense index of a person id.
    /// - Complexity: O(log p).
    public func personIndex(id: Int64) -> Int32? {
        Self.index(of: id, in: personIDs).map(Int32.init)
    }

    public func mailboxIndex(id: Int64) -> Int32? { Self.index(of: id, in: mailboxIDs).map(Int32.init) }

    public func productIndex(id: Int64) -> Int32? { Self.index(of: id, in: productIDs).map(Int32.init) }

    /// Conversation rows of one person (`personCount` for the authorless group).
    public func conversationRange(person: Int) -> Range<Int> {
        conversationOffsets[person]..<conversationOffsets[person + 1]
    }

    static func index(of id: Int64, in sorted: [Int64]) -> Int? {
        let i = lowerBound(sorted, id, in: 0..<sorted.count)
        return i < sorted.count && sorted[i] == id ? i : nil
    }
}

/// Status codes of `ticketStatus`.
public enum TicketStatusCode {
    public static let new: UInt8 = 0
    public static let active: UInt8 = 1
    public static let closed: UInt8 = 2
    /// Any other status: counts as "not closed" everywhere, and as neither new nor active.
    public static let other: UInt8 = 3

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
    sorted.withUnsafeBufferPointer { buffer in
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let mid = (low + high) >> 1
            if buffer[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
