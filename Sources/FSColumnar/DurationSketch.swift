/// Counts per value slot of a column of durations (seconds, in time order), kept per block
/// of ``blockLength`` values, so the statistics of a long slice start from a few hundred
/// additions instead of a pass over its values: the slot counts, the sum and the maximum
/// of the whole blocks inside the slice come from here, only its two partial end blocks
/// are read. A quantile rank is then placed in one slot, whose values are the only ones
/// the slice has to give up (a scan that skips every block holding none of them).
///
/// Slots are ranges of values `[edges[s], edges[s + 1])` (the last one up to `Int32.max`):
/// slot 0 holds the negative values; slots 1… cut `[0, 2²⁰)` into ranges of about equal
/// counts in the column's own distribution, at multiples of 16 s and at every bound of
/// the distribution buckets; the last ``bigSlots`` are the powers of two from 2²⁰ s
/// (twelve days) up. Slots left unused are empty ranges (an edge repeated).
///
/// Memory: ``slotCount`` `UInt16` counts per block of 2,048 values (a quarter of a byte
/// per value), running totals every ``superBlockLength`` blocks, a sum and a maximum per
/// block, and a 64 KiB lookup table from the edges (not stored).
public struct DurationSketch: Sendable, Equatable {
    public static let blockLength = 2048
    public static let blockShift = 11
    /// Blocks per running total of counts.
    public static let superBlockLength = 32
    public static let slotCount = 256
    /// Slots of values `2²⁰ · 2ᵏ` up to `2²⁰ · 2ᵏ⁺¹` (`k = 0…10`), the last ones.
    public static let bigSlots = 11
    static let firstBigSlot = slotCount - bigSlots
    /// Values below this are slotted by the table, one entry per 16 s.
    static let tableLimit: Int32 = 1 << 20
    static let tableShift: Int32 = 4
    /// Bounds (seconds) that are always edges: the distribution buckets' (``DurationStats``).
    public static let fixedEdges: [Int32] = [0, 3600, 4 * 3600, 8 * 3600, 86_400, 3 * 86_400, 7 * 86_400]

    /// Lower bound of each slot, nondecreasing; `edges[0] == Int32.min`.
    public let edges: Column<Int32>
    /// `slotCount` counts per whole block (the values of a trailing partial block are not counted).
    public let blockCounts: Column<UInt16>
    /// `slotCount` running totals per super block boundary: entry `k` counts blocks `0..<k·superBlockLength`.
    public let superCounts: Column<UInt32>
    /// Sum of the values of blocks `0..<k` (one more entry than blocks).
    public let prefixSums: Column<Int64>
    /// Largest value of each whole block.
    public let blockMax: Column<Int32>
    /// Slot of each value `v` in `[0, 2²⁰)` at `v >> 4` (derived from ``edges``).
    let table: [UInt8]

    /// Whole blocks of a column of `count` values.
    public static func blocks(count: Int) -> Int { count >> blockShift }

    /// The sketch of `values`.
    /// - Complexity: O(n) plus a sort of at most 65,536 sampled values.
    public init(_ values: UnsafeBufferPointer<Int32>) {
        let edges = Self.edges(sampling: values)
        let table = Self.table(edges)
        let blocks = Self.blocks(count: values.count)
        let slots = Self.slotCount
        var counts = [UInt16](repeating: 0, count: blocks * slots)
        var sums = [Int64](repeating: 0, count: blocks + 1)
        var maxima = [Int32](repeating: Int32.min, count: blocks)
        table.withUnsafeBufferPointer { t in
            counts.withUnsafeMutableBufferPointer { c in
                for b in 0..<blocks {
                    var sum: Int64 = 0
                    var largest = Int32.min
                    for v in values[(b << Self.blockShift)..<((b + 1) << Self.blockShift)] {
                        c[b * slots + Self.slot(v, t)] &+= 1
                        sum &+= Int64(v)
                        largest = max(largest, v)
                    }
                    sums[b + 1] = sums[b] &+ sum
                    maxima[b] = largest
                }
            }
        }
        let supers = blocks / Self.superBlockLength + 1
        var totals = [UInt32](repeating: 0, count: supers * slots)
        for k in 1..<supers {
            for s in 0..<slots { totals[k * slots + s] = totals[(k - 1) * slots + s] }
            for b in ((k - 1) * Self.superBlockLength)..<(k * Self.superBlockLength) {
                for s in 0..<slots { totals[k * slots + s] &+= UInt32(counts[b * slots + s]) }
            }
        }
        self.init(
            edges: Column(edges), blockCounts: Column(counts), superCounts: Column(totals), prefixSums: Column(sums),
            blockMax: Column(maxima))
    }

    /// A sketch from its stored columns (``layoutProblem(count:)`` tells whether they fit).
    init(
        edges: Column<Int32>, blockCounts: Column<UInt16>, superCounts: Column<UInt32>, prefixSums: Column<Int64>,
        blockMax: Column<Int32>
    ) {
        self.edges = edges
        self.blockCounts = blockCounts
        self.superCounts = superCounts
        self.prefixSums = prefixSums
        self.blockMax = blockMax
        table = edges.count == Self.slotCount ? Self.table(Array(edges)) : []
    }

    /// The sketch of no values (what a column built by hand starts with).
    public init() {
        self.init([Int32]().withUnsafeBufferPointer { $0 })
    }

    public static func == (a: DurationSketch, b: DurationSketch) -> Bool {
        a.edges == b.edges && a.blockCounts == b.blockCounts && a.superCounts == b.superCounts
            && a.prefixSums == b.prefixSums && a.blockMax == b.blockMax
    }

    /// Resident bytes, the lookup table included.
    public var byteCount: Int {
        edges.byteCount + blockCounts.byteCount + superCounts.byteCount + prefixSums.byteCount + blockMax.byteCount
            + table.count
    }

    /// Lengths the stored columns must have for a column of `count` values.
    static func lengths(count: Int) -> (blocks: Int, supers: Int) {
        let blocks = Self.blocks(count: count)
        return (blocks, blocks / superBlockLength + 1)
    }

    /// Whether this can be the sketch of a column of `count` values (its block columns'
    /// lengths; a sketch of another column, or of none, is not to be used).
    public func describes(count: Int) -> Bool {
        let (blocks, supers) = Self.lengths(count: count)
        return table.count == Int(Self.tableLimit >> Self.tableShift) && prefixSums.count == blocks + 1
            && blockCounts.count == blocks * Self.slotCount && superCounts.count == supers * Self.slotCount
    }

    /// What is wrong with the stored columns for a column of `count` values, or nil.
    func layoutProblem(count: Int) -> String? {
        let (blocks, supers) = Self.lengths(count: count)
        guard edges.count == Self.slotCount, blockCounts.count == blocks * Self.slotCount,
            superCounts.count == supers * Self.slotCount, prefixSums.count == blocks + 1, blockMax.count == blocks
        else { return "duration sketch lengths" }
        guard edges[0] == Int32.min, zip(edges.dropLast(), edges.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            return "duration sketch edges"
        }
        for s in 1..<Self.firstBigSlot where edges[s] < 0 || edges[s] > Self.tableLimit || edges[s] % 16 != 0 {
            return "duration sketch edges"
        }
        for k in 0..<Self.bigSlots where edges[Self.firstBigSlot + k] != Self.tableLimit << k {
            return "duration sketch edges"
        }
        return nil
    }

    // MARK: Slots

    /// The slot of `v` through the lookup `table`.
    @inline(__always)
    public static func slot(_ v: Int32, _ table: UnsafeBufferPointer<UInt8>) -> Int {
        if v < 0 { return 0 }
        if v < tableLimit { return Int(table[Int(v >> tableShift)]) }
        return firstBigSlot + (Int32.bitWidth - v.leadingZeroBitCount) - 21
    }

    /// Calls `body` with the lookup table (for ``slot(_:_:)``).
    @inline(__always)
    public func withTable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try table.withUnsafeBufferPointer(body)
    }

    /// The values slot `s` holds: `low ≤ v < low + width`, as a wrapping test
    /// `UInt32(bitPattern: v &- low) < width`.
    public func bounds(slot s: Int) -> (low: Int32, width: UInt32) {
        let low = edges[s]
        let high = s + 1 < Self.slotCount ? Int64(edges[s + 1]) : Int64(Int32.max) + 1
        return (low, UInt32(high - Int64(low)))
    }

    /// Edges from the column's distribution: about equal counts of a sample of its values
    /// in `[0, 2²⁰)` per slot, cut at multiples of 16, with the fixed edges; then the big slots.
    static func edges(sampling values: UnsafeBufferPointer<Int32>) -> [Int32] {
        let step = max(1, values.count / 65_536)
        var sample: [Int32] = []
        sample.reserveCapacity(values.count / step + 1)
        for i in stride(from: 0, to: values.count, by: step) where values[i] >= 0 && values[i] < tableLimit {
            sample.append(values[i])
        }
        sample.sort()
        let small = firstBigSlot - 1
        var cuts = Set(fixedEdges)
        let parts = small - fixedEdges.count
        if !sample.isEmpty {
            for k in 1..<parts { cuts.insert(sample[sample.count * k / parts] & ~15) }
        }
        let sorted = cuts.sorted()
        var edges = [Int32.min] + sorted
        edges += repeatElement(tableLimit, count: firstBigSlot - edges.count)
        edges += (0..<bigSlots).map { tableLimit << $0 }
        return edges
    }

    /// `table[v >> 4]`: the slot of `v` for `0 ≤ v < 2²⁰`.
    static func table(_ edges: [Int32]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: Int(tableLimit >> tableShift))
        for s in 1..<firstBigSlot where edges[s] < edges[s + 1] {
            let upper = min(edges[s + 1], tableLimit)
            for i in Int(edges[s] >> tableShift)..<Int(upper >> tableShift) { table[i] = UInt8(s) }
        }
        return table
    }
}
