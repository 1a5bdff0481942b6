/// Statistics blocks straight from a slice of `Int32` durations, without sorting it: one
/// pass adds the sum, the maximum, the distribution buckets and a histogram of the high
/// 16 bits; each quantile rank is then found in that histogram and refined by a second
/// pass over the values of its one high bucket (a two-level radix selection). The
/// figures are exactly those of ``DurationStats/init(sorted:)`` on the sorted values.
extension DurationStats {
    /// The block of `values` (any order), in O(n) passes over them.
    public init(durations values: UnsafeBufferPointer<Int32>) {
        let n = values.count
        guard n > 0 else {
            self.init(n: 0, mean: nil, median: nil, p90: nil, max: nil, buckets: [0, 0, 0, 0, 0, 0, 0])
            return
        }
        if n <= Self.sortBelow {
            self.init(sorted: values.map { Int64($0) }.sorted())
            return
        }
        var high = [Int32](repeating: 0, count: 1 << 16)
        var sum: Int64 = 0
        var largest = Int32.min
        var b0 = 0
        var b1 = 0
        var b2 = 0
        var b3 = 0
        var b4 = 0
        var b5 = 0
        high.withUnsafeMutableBufferPointer { h in
            for v in values {
                sum &+= Int64(v)
                largest = Swift.max(largest, v)
                h[Int(Self.key(v) >> 16)] &+= 1
                // Bucket counts as "at least this bound" tallies, differenced below.
                b0 &+= v >= 3600 ? 1 : 0
                b1 &+= v >= 4 * 3600 ? 1 : 0
                b2 &+= v >= 8 * 3600 ? 1 : 0
                b3 &+= v >= 86_400 ? 1 : 0
                b4 &+= v >= 3 * 86_400 ? 1 : 0
                b5 &+= v >= 7 * 86_400 ? 1 : 0
            }
        }
        let buckets = [n - b0, b0 - b1, b1 - b2, b2 - b3, b3 - b4, b4 - b5, b5]
        let ranks = Self.ranks(n: n, tenths: 5) + Self.ranks(n: n, tenths: 9)
        let chosen = Self.select(values, ranks: ranks, high: high)
        func quantile(_ tenths: Int64, _ a: Int64, _ b: Int64) -> Int64 {
            let r = (Int64(n - 1) * tenths) % 10
            return r == 0 ? a : Self.roundedQuotient(10 * a + r * (b - a), 10)
        }
        let m = Self.ranks(n: n, tenths: 5).count
        let median = quantile(5, chosen[0], chosen[m - 1])
        let p90 = quantile(9, chosen[m], chosen[chosen.count - 1])
        self.init(
            n: n, mean: Self.roundedQuotient(sum, Int64(n)), median: median, p90: p90, max: Int64(largest),
            buckets: buckets)
    }

    /// Slices this short are copied and sorted instead (cheaper than two histogram passes).
    static let sortBelow = 4096

    /// R-7 quantile at `tenths / 10` of `values` (any order, non-empty), as ``quantile(_:tenths:)``.
    public static func quantile(durations values: UnsafeBufferPointer<Int32>, tenths: Int64) -> Int64 {
        precondition(!values.isEmpty)
        if values.count <= sortBelow {
            return quantile(values.map { Int64($0) }.sorted(), tenths: tenths)
        }
        var high = [Int32](repeating: 0, count: 1 << 16)
        high.withUnsafeMutableBufferPointer { h in for v in values { h[Int(key(v) >> 16)] &+= 1 } }
        let chosen = select(values, ranks: ranks(n: values.count, tenths: tenths), high: high)
        let r = (Int64(values.count - 1) * tenths) % 10
        return r == 0 ? chosen[0] : roundedQuotient(10 * chosen[0] + r * (chosen[chosen.count - 1] - chosen[0]), 10)
    }

    /// The 0-based ranks R-7 reads at `tenths / 10`: `⌊h⌋`, and `⌊h⌋ + 1` when `h` has a fraction.
    static func ranks(n: Int, tenths: Int64) -> [Int] {
        let scaled = Int64(n - 1) * tenths
        let lo = Int(scaled / 10)
        return scaled % 10 == 0 ? [lo] : [lo, lo + 1]
    }

    /// An order-preserving unsigned key of a signed value.
    @inline(__always) static func key(_ v: Int32) -> UInt32 { UInt32(bitPattern: v) ^ 0x8000_0000 }

    /// The values at `ranks` of the sorted order, given the high-16-bit histogram of `values`.
    static func select(_ values: UnsafeBufferPointer<Int32>, ranks: [Int], high: [Int32]) -> [Int64] {
        // Each rank's high bucket and its rank inside that bucket.
        var located: [(bucket: Int, rank: Int)] = []
        for target in ranks {
            var seen = 0
            var b = 0
            while seen + Int(high[b]) <= target {
                seen += Int(high[b])
                b += 1
            }
            located.append((b, target - seen))
        }
        var result = [Int64](repeating: 0, count: ranks.count)
        var low = [Int32](repeating: 0, count: 1 << 16)
        for bucket in Set(located.map(\.bucket)) {
            let wanted = UInt32(bucket)
            let inBucket = Int(high[bucket])
            var pick: (Int) -> Int32
            if inBucket <= sortBelow {
                var gathered: [Int32] = []
                gathered.reserveCapacity(inBucket)
                for v in values where key(v) >> 16 == wanted { gathered.append(v) }
                gathered.sort()
                pick = { gathered[$0] }
            } else {
                for i in 0..<low.count { low[i] = 0 }
                low.withUnsafeMutableBufferPointer { l in
                    for v in values {
                        let k = key(v)
                        if k >> 16 == wanted { l[Int(k & 0xFFFF)] &+= 1 }
                    }
                }
                pick = { rank in
                    var seen = 0
                    var b = 0
                    while seen + Int(low[b]) <= rank {
                        seen += Int(low[b])
                        b += 1
                    }
                    return Int32(bitPattern: (wanted << 16 | UInt32(b)) ^ 0x8000_0000)
                }
            }
            for (i, l) in located.enumerated() where l.bucket == bucket { result[i] = Int64(pick(l.rank)) }
        }
        return result
    }
}
