import FSColumnar

/// Statistics blocks of a slice of a column that has a ``DurationSketch``: the slot counts,
/// the sum and the maximum come from the sketch (its whole blocks) and the slice's two end
/// blocks; each quantile rank is placed in one slot, and only that slot's values are taken
/// out of the slice (one scan, sixteen values at a time, skipping blocks without them) and
/// partially ordered. The figures are exactly those of ``DurationStats/init(sorted:)``.
extension DurationStats {
    /// Slices this short are copied and partially ordered instead: a partition costs about
    /// 4 ns a value, the sketch's counts and scan well under one, plus a few hundred
    /// additions and allocations of slot counts.
    static let sketchAbove = 512

    /// The block of `column[range]`, `sketch` being the sketch of `column`.
    /// - Parameter cores: with 2 and a slice of ``splitFrom`` values or more, the scan for
    ///   the quantiles' slots runs over the two halves at once.
    /// - Parameter sortedRuns: consecutive runs covering `range`, each sorted ascending
    ///   (nil when the slice is in no such order): a slot's values are then cut out of each
    ///   run by binary search instead of scanned out of the slice.
    public init(
        column: UnsafeBufferPointer<Int32>, range: Range<Int>, sketch: DurationSketch, cores: Int = 1,
        sortedRuns: [Range<Int>]? = nil
    ) {
        let n = range.count
        guard n > Self.sketchAbove, sketch.describes(count: column.count) else {
            self.init(durations: UnsafeBufferPointer(rebasing: column[range]), cores: cores)
            return
        }
        let slice = sketch.counts(column, range)
        var buckets = [Int](repeating: 0, count: Self.bucketBounds.count)
        for (s, count) in slice.counts.enumerated() where count > 0 {
            buckets[Self.bucket(Int64(Swift.max(sketch.edges[s], -1)))] += Int(count)
        }
        self.init(n: n, sum: slice.sum, largest: slice.largest, buckets: buckets) {
            Self.select(column, range, sketch, slice.counts, ranks: $0, cores: cores, sortedRuns: sortedRuns)
        }
    }

    /// R-7 quantile at `tenths / 10` of `column[range]` (non-empty), as ``quantile(_:tenths:)``.
    public static func quantile(
        column: UnsafeBufferPointer<Int32>, range: Range<Int>, sketch: DurationSketch, tenths: Int64
    ) -> Int64 {
        precondition(!range.isEmpty)
        guard range.count > sketchAbove, sketch.describes(count: column.count) else {
            return quantile(durations: UnsafeBufferPointer(rebasing: column[range]), tenths: tenths)
        }
        let ranks = ranks(n: range.count, tenths: tenths)
        let chosen = select(column, range, sketch, sketch.counts(column, range).counts, ranks: ranks, cores: 1)
        return interpolate(n: range.count, tenths: tenths, chosen[0], chosen[chosen.count - 1])
    }

    /// The values at `ranks` (ascending) of the sorted order of `column[range]`, whose slot
    /// counts are `counts`.
    static func select(
        _ column: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ sketch: DurationSketch, _ counts: [UInt32],
        ranks: [Int], cores: Int, sortedRuns: [Range<Int>]? = nil
    ) -> [Int64] {
        let (located, distinct) = locate(ranks, counts)
        let members =
            sortedRuns.map { runs in distinct.map { cut(column, runs, sketch.bounds(slot: $0)) } }
            ?? scan(column, range, sketch, counts, distinct, cores: cores)
        var result = [Int64](repeating: 0, count: ranks.count)
        for (slot, var values) in zip(distinct, members) {
            let inSlot = located.indices.filter { located[$0].slot == slot }
            values.withUnsafeMutableBufferPointer { a in
                // Ranks ascending: each placement leaves the ranks above it in the rest.
                var from = 0
                for k in inSlot {
                    let rank = located[k].rank
                    Partition.place(a, rank: rank, in: from..<a.count)
                    result[k] = Int64(a[rank])
                    from = rank
                }
            }
        }
        return result
    }

    /// The values of each of the slots `distinct` in `column[range]`, by the sketch's scan
    /// (two slots a pass; with 2 cores and a long slice, its halves at once).
    static func scan(
        _ column: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ sketch: DurationSketch, _ counts: [UInt32],
        _ distinct: [Int], cores: Int
    ) -> [[Int32]] {
        // The slice in halves at a block boundary, one per core.
        let n = range.count
        let middle = (range.lowerBound + n / 2) & ~(DurationSketch.blockLength - 1)
        let parts =
            cores > 1 && n >= Self.splitFrom && middle > range.lowerBound
            ? [range.lowerBound..<middle, middle..<range.upperBound] : [range]
        let members = Parallel.map(parts.count) { p in
            var out: [[Int32]] = []
            var k = 0
            while k < distinct.count {
                let second = k + 1 < distinct.count ? distinct[k + 1] : nil
                let pair = sketch.gather(
                    column, parts[p], distinct[k], second,
                    capacity: (Int(counts[distinct[k]]), second.map { Int(counts[$0]) } ?? 0))
                out.append(pair.0)
                if k + 1 < distinct.count { out.append(pair.1) }
                k += 2
            }
            return out
        }
        .reduce(into: distinct.map { _ in [Int32]() }) { joined, part in
            for k in part.indices { joined[k] += part[k] }
        }
        return members
    }

    /// The values `low ≤ v < low + width` of the sorted runs `runs` of `column`: one run of
    /// each, found by two binary searches.
    static func cut(
        _ column: UnsafeBufferPointer<Int32>, _ runs: [Range<Int>], _ bounds: (low: Int32, width: UInt32)
    ) -> [Int32] {
        let low = Int64(bounds.low)
        let high = low + Int64(bounds.width)
        var out: [Int32] = []
        for run in runs where !run.isEmpty {
            let start = lowerBound(column, key: low, in: run)
            out.append(contentsOf: column[start..<lowerBound(column, key: high, in: start..<run.upperBound)])
        }
        return out
    }
}
