/// Statistics blocks of short slices by partial ordering instead of sorting: each rank is
/// placed by quickselect (branch-free three-way partitions through a scratch buffer,
/// median-of-three pivots, so runs of equal values cost one pass), the interpolation's upper neighbour
/// is the minimum of what lies above. Expected O(n) passes over a scratch copy, against
/// O(n log n) for a sort; the figures are exactly those of ``DurationStats/init(sorted:)``.
extension DurationStats {
    /// The block of a short slice (any order), by ``Partition``.
    init(partitioning values: UnsafeBufferPointer<Int32>) {
        let n = values.count
        guard n > 0 else {
            self.init(sorted: [])
            return
        }
        let (sum, largest, buckets) = Self.sumMaxBuckets(values)
        var scratch = Array(values)
        let (median, p90) = scratch.withUnsafeMutableBufferPointer { a -> (Int64, Int64) in
            let m = Partition.values(a, ranks: Self.ranks(n: n, tenths: 5), from: 0)
            let q = Partition.values(a, ranks: Self.ranks(n: n, tenths: 9), from: Self.ranks(n: n, tenths: 5)[0])
            return (
                Self.interpolate(n: n, tenths: 5, m.0, m.1), Self.interpolate(n: n, tenths: 9, q.0, q.1)
            )
        }
        self.init(
            n: n, mean: Self.roundedQuotient(sum, Int64(n)), median: median, p90: p90, max: Int64(largest),
            buckets: buckets)
    }
}

extension DurationStats {
    /// The sum, the maximum and the distribution buckets of `values` in one pass, sixteen
    /// lanes at a time (each lane counts the bounds it is at or above).
    static func sumMaxBuckets(_ values: UnsafeBufferPointer<Int32>) -> (sum: Int64, max: Int32, buckets: [Int]) {
        typealias V = SIMD16<Int32>
        let lanes = V.scalarCount
        let n = values.count
        let bounds = bucketBounds.dropFirst().map { Int32($0) }
        let (t1, t2, t3) = (V(repeating: bounds[0]), V(repeating: bounds[1]), V(repeating: bounds[2]))
        let (t4, t5, t6) = (V(repeating: bounds[3]), V(repeating: bounds[4]), V(repeating: bounds[5]))
        let one = V(repeating: 1)
        var atLeast = [Int](repeating: 0, count: 6)
        var sum: Int64 = 0
        var largest = Int32.min
        let whole = n - n % lanes
        var start = 0
        // Lane counters and the two 16-bit halves of the sum stay exact for 2^15 steps.
        let block = lanes << 15
        while start < whole {
            let end = Swift.min(whole, start + block)
            var (g1, g2, g3, g4, g5, g6) = (V(), V(), V(), V(), V(), V())
            var (high, low) = (V(), V())
            var m = V(repeating: Int32.min)
            let raw = UnsafeRawPointer(values.baseAddress!)
            var i = start
            while i < end {
                let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: V.self)
                high &+= v &>> 16
                low &+= v & 0xFFFF
                m = pointwiseMax(m, v)
                g1 &+= one.replacing(with: 0, where: v .< t1)
                g2 &+= one.replacing(with: 0, where: v .< t2)
                g3 &+= one.replacing(with: 0, where: v .< t3)
                g4 &+= one.replacing(with: 0, where: v .< t4)
                g5 &+= one.replacing(with: 0, where: v .< t5)
                g6 &+= one.replacing(with: 0, where: v .< t6)
                i &+= lanes
            }
            for (k, g) in [g1, g2, g3, g4, g5, g6].enumerated() { atLeast[k] += Int(g.wrappedSum()) }
            for k in 0..<lanes { sum &+= (Int64(high[k]) << 16) &+ Int64(low[k]) }
            largest = Swift.max(largest, m.max())
            start = end
        }
        for i in whole..<n {
            let v = values[i]
            sum &+= Int64(v)
            largest = Swift.max(largest, v)
            for k in 0..<6 where v >= bounds[k] { atLeast[k] += 1 }
        }
        let ge = [n] + atLeast
        return (sum, largest, (0..<7).map { ge[$0] - ($0 < 6 ? ge[$0 + 1] : 0) })
    }
}

/// Quickselect over a mutable buffer of `Int32`.
enum Partition {
    /// The values at `ranks` (one rank, or two consecutive ones) of the sorted order of
    /// `a`, which is reordered; every rank at least `from`, a rank placed before (so
    /// `a[from...]` holds the values of ranks `from...`, in some order).
    static func values(_ a: UnsafeMutableBufferPointer<Int32>, ranks: [Int], from: Int) -> (Int64, Int64) {
        let k = ranks[0]
        place(a, rank: k, in: from..<a.count)
        let low = Int64(a[k])
        guard ranks.count > 1 else { return (low, low) }
        // The next rank is the smallest value above position k (all of them are ≥ a[k]).
        var next = Int32.max
        for i in (k + 1)..<a.count { next = Swift.min(next, a[i]) }
        return (low, Int64(next))
    }

    /// Reorders `a[range]` so that `a[rank]` holds the value of that rank in the sorted order
    /// of `a[range]`, with nothing larger before it and nothing smaller after it.
    static func place(_ a: UnsafeMutableBufferPointer<Int32>, rank: Int, in range: Range<Int>) {
        precondition(range.contains(rank))
        guard let p = a.baseAddress else { return }
        var lo = range.lowerBound
        var hi = range.upperBound
        var rounds = 0
        // Each round splits `p[lo..<hi]` around a pivot into a scratch buffer, the smaller
        // values from its front and the larger from its back, both written for every value
        // and advanced by comparison (no branch, and no store that a later load waits on,
        // as an in-place swap has); the run equal to the pivot is left between them.
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: max(hi - lo, 1))
        defer { scratch.deallocate() }
        while hi - lo > 24 {
            rounds += 1
            if rounds > 64 {
                // Pathological inputs: finish with a sort of what is left.
                var rest = UnsafeMutableBufferPointer(start: p + lo, count: hi - lo)
                rest.sort()
                return
            }
            let pivot = medianOfThree(p[lo], p[lo + (hi - lo) / 2], p[hi - 1])
            let last = hi - lo - 1
            var below = 0
            var above = 0
            for i in lo..<hi {
                let v = p[i]
                scratch[below] = v
                scratch[last - above] = v
                // Sign bits of v − pivot and pivot − v (a comparison here compiles to branches).
                let d = Int64(v) &- Int64(pivot)
                below &+= Int(UInt64(bitPattern: d) >> 63)
                above &+= Int(UInt64(bitPattern: 0 &- d) >> 63)
            }
            let equalFrom = lo + below
            let aboveFrom = hi - above
            (p + lo).update(from: scratch, count: below)
            (p + equalFrom).update(repeating: pivot, count: aboveFrom - equalFrom)
            (p + aboveFrom).update(from: scratch + (last - above + 1), count: above)
            if rank < equalFrom {
                hi = equalFrom
            } else if rank < aboveFrom {
                return
            } else {
                lo = aboveFrom
            }
        }
        // Insertion sort of the short rest.
        if hi - lo > 1 {
            for i in (lo + 1)..<hi {
                let v = p[i]
                var j = i
                while j > lo, p[j - 1] > v {
                    p[j] = p[j - 1]
                    j -= 1
                }
                p[j] = v
            }
        }
    }

    @inline(__always)
    static func medianOfThree(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 {
        Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
    }
}
