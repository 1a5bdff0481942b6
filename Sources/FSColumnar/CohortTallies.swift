/// What resolution-times counts over a cohort (a slice of ``ColumnarStore/closedRows``:
/// the closed tickets resolved in a range), kept per block of ``blockLength`` positions of
/// the closed list, so a long cohort adds up a few hundred blocks and reads the rows of
/// its two partial end blocks only. Built at load and kept in the column cache (83 bytes
/// per 256 closed tickets: short blocks, so a month's cohort reads few rows).
///
/// Per ticket (SEMANTICS.md, "Resolution time"): one-touch is exactly one agent reply and
/// never reopened; zero-touch is no agent reply; reopened is at least one reopen; the
/// weakest history source is the largest ``CloseHistory/Source`` code. Reply counts are
/// tallied per value up to ``cap`` (the last slot holds that value and every larger one).
public struct CohortTallies: Sendable, Equatable {
    public static let blockLength = 256
    static let blockShift = 8
    /// Reply counts from this value on share the last histogram slot.
    public static let cap = 16
    static let slots = cap + 1

    public let one: Column<UInt16>
    public let zero: Column<UInt16>
    public let back: Column<UInt16>
    public let agentSum: Column<UInt32>
    public let customerSum: Column<UInt32>
    public let worst: Column<UInt8>
    /// ``slots`` counts per block.
    public let agentCounts: Column<UInt16>
    public let customerCounts: Column<UInt16>

    /// The counts of a set of closed tickets.
    public struct Sums: Sendable, Equatable {
        public var one = 0
        public var zero = 0
        public var back = 0
        public var agentSum: Int64 = 0
        public var customerSum: Int64 = 0
        public var worst: UInt8 = 0
        /// Tickets per agent-reply count `0 … cap − 1`, then `cap` and more.
        public var agentCounts = [Int32](repeating: 0, count: CohortTallies.slots)
        public var customerCounts = [Int32](repeating: 0, count: CohortTallies.slots)

        public init() {}

        /// The counts of the closed list's positions `positions`, from the ticket columns.
        public init(
            positions: Range<Int>, store: ColumnarStore, responses: ResponseColumns, history: CloseHistory
        ) {
            store.closedRows.withUnsafeBufferPointer { rows in
                responses.agentReplies.withUnsafeBufferPointer { agent in
                    responses.customerMessages.withUnsafeBufferPointer { customer in
                        history.reopens.withUnsafeBufferPointer { reopens in
                            history.source.codes.withUnsafeBufferPointer { source in
                                for k in positions {
                                    let row = Int(rows[k])
                                    let (a, c) = (agent[row], customer[row])
                                    agentCounts[min(Int(a), cap)] &+= 1
                                    customerCounts[min(Int(c), cap)] &+= 1
                                    agentSum &+= Int64(a)
                                    customerSum &+= Int64(c)
                                    let reopened = reopens[row] > 0
                                    one &+= a == 1 && !reopened ? 1 : 0
                                    zero &+= a == 0 ? 1 : 0
                                    back &+= reopened ? 1 : 0
                                    worst = max(worst, source[row])
                                }
                            }
                        }
                    }
                }
            }
        }

        /// Both counts together.
        mutating func add(_ other: Sums) {
            one += other.one
            zero += other.zero
            back += other.back
            agentSum += other.agentSum
            customerSum += other.customerSum
            worst = max(worst, other.worst)
            for s in 0..<CohortTallies.slots {
                agentCounts[s] &+= other.agentCounts[s]
                customerCounts[s] &+= other.customerCounts[s]
            }
        }
    }

    /// Whole blocks of a closed list of `count` tickets.
    static func blocks(count: Int) -> Int { count >> blockShift }

    /// The tallies of every whole block of the closed list.
    /// - Complexity: O(closed tickets).
    public init(store: ColumnarStore, responses: ResponseColumns, history: CloseHistory) {
        let blocks = Self.blocks(count: store.closedRows.count)
        let each = (0..<blocks).map { b in
            Sums(
                positions: (b << Self.blockShift)..<((b + 1) << Self.blockShift), store: store, responses: responses,
                history: history)
        }
        self.init(
            one: Column(each.map { UInt16($0.one) }), zero: Column(each.map { UInt16($0.zero) }),
            back: Column(each.map { UInt16($0.back) }), agentSum: Column(each.map { UInt32(clamping: $0.agentSum) }),
            customerSum: Column(each.map { UInt32(clamping: $0.customerSum) }), worst: Column(each.map(\.worst)),
            agentCounts: Column(each.flatMap { $0.agentCounts.map { UInt16($0) } }),
            customerCounts: Column(each.flatMap { $0.customerCounts.map { UInt16($0) } }))
    }

    /// No tallies (report columns built without the store; the report then counts the rows).
    public init() {
        self.init(
            one: Column(), zero: Column(), back: Column(), agentSum: Column(), customerSum: Column(), worst: Column(),
            agentCounts: Column(), customerCounts: Column())
    }

    init(
        one: Column<UInt16>, zero: Column<UInt16>, back: Column<UInt16>, agentSum: Column<UInt32>,
        customerSum: Column<UInt32>, worst: Column<UInt8>, agentCounts: Column<UInt16>, customerCounts: Column<UInt16>
    ) {
        self.one = one
        self.zero = zero
        self.back = back
        self.agentSum = agentSum
        self.customerSum = customerSum
        self.worst = worst
        self.agentCounts = agentCounts
        self.customerCounts = customerCounts
    }

    /// Whether these are the tallies of a closed list of `count` tickets (their lengths).
    public func describes(count: Int) -> Bool {
        let blocks = Self.blocks(count: count)
        return one.count == blocks && zero.count == blocks && back.count == blocks && agentSum.count == blocks
            && customerSum.count == blocks && worst.count == blocks && agentCounts.count == blocks * Self.slots
            && customerCounts.count == blocks * Self.slots
    }

    /// The counts of the closed list's positions `positions`: whole blocks from the
    /// tallies, the rest from the ticket columns.
    public func sums(
        _ positions: Range<Int>, store: ColumnarStore, responses: ResponseColumns, history: CloseHistory
    ) -> Sums {
        let first = (positions.lowerBound + Self.blockLength - 1) >> Self.blockShift
        let end = positions.upperBound >> Self.blockShift
        guard first < end else {
            return Sums(positions: positions, store: store, responses: responses, history: history)
        }
        var sums = Sums()
        for b in first..<end {
            sums.one += Int(one[b])
            sums.zero += Int(zero[b])
            sums.back += Int(back[b])
            sums.agentSum += Int64(agentSum[b])
            sums.customerSum += Int64(customerSum[b])
            sums.worst = max(sums.worst, worst[b])
        }
        agentCounts.withUnsafeBufferPointer { a in
            customerCounts.withUnsafeBufferPointer { c in
                for b in first..<end {
                    for s in 0..<Self.slots {
                        sums.agentCounts[s] &+= Int32(a[b * Self.slots + s])
                        sums.customerCounts[s] &+= Int32(c[b * Self.slots + s])
                    }
                }
            }
        }
        for part in [positions.lowerBound..<(first << Self.blockShift), (end << Self.blockShift)..<positions.upperBound]
        where !part.isEmpty {
            sums.add(Sums(positions: part, store: store, responses: responses, history: history))
        }
        return sums
    }

    public var byteCount: Int {
        one.byteCount + zero.byteCount + back.byteCount + agentSum.byteCount + customerSum.byteCount + worst.byteCount
            + agentCounts.byteCount + customerCounts.byteCount
    }

    /// The lengths of the stored columns for a closed list of `count` tickets.
    static func lengths(count: Int) -> (blocks: Int, counts: Int) {
        let blocks = Self.blocks(count: count)
        return (blocks, blocks * slots)
    }
}
