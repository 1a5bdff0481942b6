/// Statistics blocks straight from a slice of `Int32` durations, without sorting it.
///
/// Short slices are partially ordered (``init(partitioning:)``). Longer ones:
///
/// One pass counts the values per whole hour (four interleaved histograms, so runs of
/// equal hours do not wait on one counter; negative values and 8,192 hours or more get a
/// bucket of their own each) and adds the sum and the maximum; the distribution buckets
/// are sums of hours (their bounds are whole hours). Each quantile rank is located in the
/// hour histogram, then the values of that one hour are copied out (a branch-free
/// compaction pass) and counted per second, or sorted when they are few or outside the
/// hour range. The figures are exactly those of ``DurationStats/init(sorted:)``.
extension DurationStats {
    /// The block of `values` (any order), in O(n) passes over them.
    /// - Parameter cores: with 2 and a slice of ``splitFrom`` values or more, each pass runs
    ///   over the two halves at once (the histograms added, the gathered values joined).
    public init(durations values: UnsafeBufferPointer<Int32>, cores: Int = 1) {
        let n = values.count
        guard n > Self.partitionBelow else {
            self.init(partitioning: values)
            return
        }
        let parts =
            cores > 1 && n >= Self.splitFrom
            ? [UnsafeBufferPointer(rebasing: values[0..<(n / 2)]), UnsafeBufferPointer(rebasing: values[(n / 2)...])]
            : [values]
        let histogram = HourHistogram(parts)
        var buckets = [Int](repeating: 0, count: Self.bucketBounds.count)
        for (slot, count) in histogram.counts.enumerated() where count > 0 {
            buckets[Self.bucket(HourHistogram.lowestValue(slot: slot))] += Int(count)
        }
        self.init(n: n, sum: histogram.sum, largest: histogram.largest, buckets: buckets) {
            histogram.select(parts, ranks: $0)
        }
    }

    /// The block of `n > 0` values from their sum, maximum and bucket counts, the median and
    /// p90 from `select` (the values at the ranks it is given, ascending: median's, then p90's).
    init(n: Int, sum: Int64, largest: Int32, buckets: [Int], select: ([Int]) -> [Int64]) {
        let medianRanks = Self.ranks(n: n, tenths: 5)
        let chosen = select(medianRanks + Self.ranks(n: n, tenths: 9))
        let m = medianRanks.count
        self.init(
            n: n, mean: Self.roundedQuotient(sum, Int64(n)),
            median: Self.interpolate(n: n, tenths: 5, chosen[0], chosen[m - 1]),
            p90: Self.interpolate(n: n, tenths: 9, chosen[m], chosen[chosen.count - 1]), max: Int64(largest),
            buckets: buckets)
    }

    /// Slices at least this long are worth a second core.
    static let splitFrom = 1 << 19

    /// Slices this short are copied and partially ordered instead (``init(partitioning:)``):
    /// below it, clearing and walking the 8,194 hour slots costs more than the partitions.
    static let partitionBelow = 4096

    /// R-7 quantile at `tenths / 10` of `values` (any order, non-empty), as ``quantile(_:tenths:)``.
    public static func quantile(durations values: UnsafeBufferPointer<Int32>, tenths: Int64) -> Int64 {
        precondition(!values.isEmpty)
        if values.count <= partitionBelow {
            var copy = Array(values)
            let (a, b) = copy.withUnsafeMutableBufferPointer {
                Partition.values($0, ranks: ranks(n: values.count, tenths: tenths), from: 0)
            }
            return interpolate(n: values.count, tenths: tenths, a, b)
        }
        let chosen = HourHistogram(values).select([values], ranks: ranks(n: values.count, tenths: tenths))
        return interpolate(n: values.count, tenths: tenths, chosen[0], chosen[chosen.count - 1])
    }

    /// The 0-based ranks R-7 reads at `tenths / 10`: `⌊h⌋`, and `⌊h⌋ + 1` when `h` has a fraction.
    static func ranks(n: Int, tenths: Int64) -> [Int] {
        let scaled = Int64(n - 1) * tenths
        let lo = Int(scaled / 10)
        return scaled % 10 == 0 ? [lo] : [lo, lo + 1]
    }

    /// Each of `ranks` (ascending) as a slot of `counts` (values per slot, in value order)
    /// and a rank inside that slot, in one walk of the counts; and the slots hit, in order.
    static func locate<C: BinaryInteger>(_ ranks: [Int], _ counts: [C]) -> (
        located: [(slot: Int, rank: Int)], distinct: [Int]
    ) {
        var located: [(slot: Int, rank: Int)] = []
        var seen = 0
        var s = 0
        for target in ranks {
            while seen + Int(counts[s]) <= target {
                seen += Int(counts[s])
                s += 1
            }
            located.append((s, target - seen))
        }
        var distinct: [Int] = []
        for l in located where !distinct.contains(l.slot) { distinct.append(l.slot) }
        return (located, distinct)
    }

    /// `a + frac(h)·(b − a)` rounded halves up, as ``quantile(_:tenths:)``.
    static func interpolate(n: Int, tenths: Int64, _ a: Int64, _ b: Int64) -> Int64 {
        let r = (Int64(n - 1) * tenths) % 10
        return r == 0 ? a : roundedQuotient(10 * a + r * (b - a), 10)
    }
}

/// Counts of durations per slot: slot 0 negative values, slot `1 + h` the hour `h` for
/// `h < hours`, the last slot everything longer.
struct HourHistogram {
    static let hours = 8192
    static let slots = hours + 2
    /// An hour holding this few values is sorted; more are counted per second (clearing and
    /// walking 3,600 counters costs about as much as sorting a few hundred values).
    static let sortSlotBelow = 256
    /// Slices at least this long count into four interleaved histograms.
    static let interleaveFrom = 1 << 16
    var counts: [Int32]
    var sum: Int64 = 0
    var largest = Int32.min

    @inline(__always) static func slot(_ v: Int32) -> Int {
        v < 0 ? 0 : Swift.min(Int(v) / 3600, hours) + 1
    }

    /// The histogram of the values of all `parts`, counted on one core each.
    init(_ parts: [UnsafeBufferPointer<Int32>]) {
        guard parts.count > 1 else {
            self.init(parts[0])
            return
        }
        let each = Parallel.map(parts.count) { HourHistogram(parts[$0]) }
        self = each[0]
        for other in each.dropFirst() {
            counts.withUnsafeMutableBufferPointer { c in
                for s in 0..<Self.slots { c[s] &+= other.counts[s] }
            }
            sum &+= other.sum
            largest = Swift.max(largest, other.largest)
        }
    }

    /// The smallest value a slot holds (for the distribution buckets).
    static func lowestValue(slot: Int) -> Int64 { slot == 0 ? -1 : Int64(slot - 1) * 3600 }

    init(_ values: UnsafeBufferPointer<Int32>) {
        // Short slices count into one histogram: the four cost more to clear and add up
        // (128 KiB, allocated fresh each time) than they save on runs of equal hours.
        if values.count < Self.interleaveFrom {
            var counts = [Int32](repeating: 0, count: Self.slots)
            var sum: Int64 = 0
            var largest = Int32.min
            counts.withUnsafeMutableBufferPointer { h in
                let base = h.baseAddress!
                for v in values {
                    base[Self.slot(v)] &+= 1
                    sum &+= Int64(v)
                    largest = Swift.max(largest, v)
                }
            }
            self.counts = counts
            self.sum = sum
            self.largest = largest
            return
        }
        let slots = Self.slots
        var four = [Int32](repeating: 0, count: 4 * slots)
        var sum: Int64 = 0
        var largest = Int32.min
        four.withUnsafeMutableBufferPointer { h in
            let base = h.baseAddress!
            let n = values.count
            var i = 0
            while i + 4 <= n {
                let a = values[i]
                let b = values[i + 1]
                let c = values[i + 2]
                let d = values[i + 3]
                base[Self.slot(a)] &+= 1
                base[slots + Self.slot(b)] &+= 1
                base[2 * slots + Self.slot(c)] &+= 1
                base[3 * slots + Self.slot(d)] &+= 1
                sum &+= Int64(a) &+ Int64(b) &+ Int64(c) &+ Int64(d)
                largest = Swift.max(largest, Swift.max(Swift.max(a, b), Swift.max(c, d)))
                i += 4
            }
            while i < n {
                let a = values[i]
                base[Self.slot(a)] &+= 1
                sum &+= Int64(a)
                largest = Swift.max(largest, a)
                i += 1
            }
        }
        var counts = [Int32](repeating: 0, count: slots)
        for s in 0..<slots { counts[s] = four[s] &+ four[slots + s] &+ four[2 * slots + s] &+ four[3 * slots + s] }
        self.counts = counts
        self.sum = sum
        self.largest = largest
    }

    /// The values at `ranks` (ascending) of the sorted order of `values`.
    func select(_ parts: [UnsafeBufferPointer<Int32>], ranks: [Int]) -> [Int64] {
        let (located, distinct) = DurationStats.locate(ranks, counts)
        var result = [Int64](repeating: 0, count: ranks.count)
        let members = Parallel.map(parts.count) { gather(parts[$0], slots: distinct) }.reduce(
            into: distinct.map { _ in [Int32]() }
        ) {
            joined, part in
            for k in part.indices { joined[k] += part[k] }
        }
        for (slot, inSlot) in zip(distinct, members) {
            let picks: [Int64]
            if slot == 0 || slot == Self.slots - 1 || inSlot.count <= Self.sortSlotBelow {
                let sorted = inSlot.sorted()
                picks = located.map { $0.slot == slot ? Int64(sorted[$0.rank]) : 0 }
            } else {
                // Count the hour's values per second, then walk to each rank.
                let low = Int32(slot - 1) * 3600
                var perSecond = [Int32](repeating: 0, count: 3600)
                perSecond.withUnsafeMutableBufferPointer { p in for v in inSlot { p[Int(v - low)] &+= 1 } }
                picks = located.map { x in
                    guard x.slot == slot else { return 0 }
                    var seen = 0
                    var second = 0
                    while seen + Int(perSecond[second]) <= x.rank {
                        seen += Int(perSecond[second])
                        second += 1
                    }
                    return Int64(low) + Int64(second)
                }
            }
            for k in located.indices where located[k].slot == slot { result[k] = picks[k] }
        }
        return result
    }

    /// A slot as a wrapping range test: `v` is in it when `UInt32(bitPattern: v &- low) < width`.
    static func bounds(slot: Int) -> (low: Int32, width: UInt32) {
        if slot == 0 { return (Int32.min, UInt32(Int32.max) + 1) }
        if slot == slots - 1 {
            let low = Int32(hours * 3600)
            return (low, UInt32(Int32.max - low) + 1)
        }
        return (Int32(slot - 1) * 3600, 3600)
    }

    /// The values of each of `slots`, copied out in one pass without branches (two slots
    /// at a time).
    func gather(_ values: UnsafeBufferPointer<Int32>, slots: [Int]) -> [[Int32]] {
        var out: [[Int32]] = []
        var k = 0
        while k < slots.count {
            if k + 1 < slots.count {
                let (a, b) = gather(values, slots[k], slots[k + 1])
                out += [a, b]
                k += 2
            } else {
                out.append(gather(values, slots[k], nil).0)
                k += 1
            }
        }
        return out
    }

    private func gather(_ values: UnsafeBufferPointer<Int32>, _ first: Int, _ second: Int?) -> ([Int32], [Int32]) {
        let (lowA, widthA) = Self.bounds(slot: first)
        let (lowB, widthB) = second.map { Self.bounds(slot: $0) } ?? (0, 0)
        let countA = Int(counts[first])
        let countB = second.map { Int(counts[$0]) } ?? 0
        var b = [Int32]()
        let a = [Int32](unsafeUninitializedCapacity: countA + 1) { outA, initializedA in
            b = [Int32](unsafeUninitializedCapacity: countB + 1) { outB, initializedB in
                let pa = outA.baseAddress!
                let pb = outB.baseAddress!
                var ka = 0
                var kb = 0
                for v in values {
                    pa[Swift.min(ka, countA)] = v
                    pb[Swift.min(kb, countB)] = v
                    ka &+= UInt32(bitPattern: v &- lowA) < widthA ? 1 : 0
                    kb &+= UInt32(bitPattern: v &- lowB) < widthB ? 1 : 0
                }
                // A part holds at most the whole slice's count of a slot (the capacity).
                initializedA = Swift.min(ka, countA)
                initializedB = Swift.min(kb, countB)
            }
        }
        return (a, b)
    }
}
