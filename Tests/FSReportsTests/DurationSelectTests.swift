import FSReports
import Testing

/// ``DurationStats/init(durations:)`` (a two-level histogram selection, no sort) against
/// ``DurationStats/init(sorted:)`` on the same values sorted: equal blocks for sizes on
/// both sides of the partition cut-off, heavy ties, values across the 16-bit split,
/// negatives, and the orders that defeat a naive quickselect (sorted, reversed, all equal,
/// organ pipe).
@Suite struct DurationSelectTests {
    /// A fixed linear congruential sequence, so the cases are reproducible.
    struct Sequence {
        var state: UInt64
        mutating func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
    }

    static func values(count: Int, kind: Int, seed: UInt64) -> [Int32] {
        var s = Sequence(state: seed)
        return (0..<count).map { i -> Int32 in
            switch kind {
            case 4: return Int32(i) * 7  // ascending
            case 5: return Int32(count - i) * 60  // descending
            case 6: return 5400  // all equal
            case 7: return Int32(min(i, count - 1 - i)) * 90  // organ pipe: up then down
            case 0: return Int32(s.next(3 * 86_400))  // spread over three days
            case 1: return Int32(s.next(5)) * 3600  // five distinct values: ties everywhere
            case 2: return Int32(s.next(2)) == 0 ? Int32(s.next(100)) : Int32(s.next(40_000_000))  // two far clusters
            default: return Int32(s.next(200_000)) - 100_000  // negatives too
            }
        }
    }

    @Test(arguments: [1, 2, 3, 10, 25, 26, 100, 1000, 4096, 4097, 9_999, 70_001, 200_000])
    func equalsTheSortedBlock(count: Int) {
        for kind in 0..<8 {
            let v = Self.values(count: count, kind: kind, seed: UInt64(count * 31 + kind))
            let expected = DurationStats(sorted: v.map { Int64($0) }.sorted())
            let actual = v.withUnsafeBufferPointer { DurationStats(durations: $0) }
            #expect(actual == expected, "count \(count), kind \(kind)")
            for tenths: Int64 in [5, 9] {
                let q = v.withUnsafeBufferPointer { DurationStats.quantile(durations: $0, tenths: tenths) }
                #expect(q == (tenths == 5 ? expected.median : expected.p90), "count \(count), kind \(kind), p \(tenths)")
            }
        }
    }

    /// Past a million values the block can be counted on two cores, each half its own
    /// histogram and gather; the figures are the sorted block's still.
    @Test(arguments: [0, 1, 3, 7])
    func twoCoresEqualTheSortedBlock(kind: Int) {
        let v = Self.values(count: (1 << 20) + 3, kind: kind, seed: UInt64(99 + kind))
        let expected = DurationStats(sorted: v.map { Int64($0) }.sorted())
        #expect(v.withUnsafeBufferPointer { DurationStats(durations: $0, cores: 2) } == expected, "kind \(kind)")
    }

    @Test func emptyHasNoFigures() {
        let s = [Int32]().withUnsafeBufferPointer { DurationStats(durations: $0) }
        #expect(
            s.n == 0 && s.median == nil && s.mean == nil && s.p90 == nil && s.max == nil && s.buckets == [0, 0, 0, 0, 0, 0, 0])
    }
}
