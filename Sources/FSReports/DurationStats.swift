/// A statistics block over durations in seconds (SEMANTICS.md, "Shared rules"): `n`,
/// mean (halves up), median and p90 by linear interpolation at rank `(n − 1)·p` (R-7,
/// SQL `percentile_cont`), rounded halves up, `max`, and the distribution buckets.
/// With `n = 0` every figure but the counts is nil.
public struct DurationStats: Sendable, Equatable {
    public var n: Int
    public var mean: Int64?
    public var median: Int64?
    public var p90: Int64?
    public var max: Int64?
    /// Counts per ``DurationStats/bucketLabels`` bucket.
    public var buckets: [Int]

    /// Lower bounds (inclusive, seconds) of the buckets `0-1h, 1-4h, 4-8h, 8-24h, 1-3d, 3-7d, 7d+`.
    public static let bucketBounds: [Int64] = [0, 3600, 4 * 3600, 8 * 3600, 86_400, 3 * 86_400, 7 * 86_400]
    public static let bucketLabels = ["0-1h", "1-4h", "4-8h", "8-24h", "1-3d", "3-7d", "7d+"]

    public init(n: Int, mean: Int64?, median: Int64?, p90: Int64?, max: Int64?, buckets: [Int]) {
        self.n = n
        self.mean = mean
        self.median = median
        self.p90 = p90
        self.max = max
        self.buckets = buckets
    }

    /// The block of `values` (non-negative seconds, any order).
    public init<C: Collection>(_ values: C) where C.Element == Int64 {
        var sorted = Array(values)
        sorted.sort()
        self.init(sorted: sorted)
    }

    /// The block of values already sorted ascending.
    public init(sorted: [Int64]) {
        let n = sorted.count
        var buckets = [Int](repeating: 0, count: Self.bucketBounds.count)
        var sum: Int64 = 0
        for v in sorted {
            sum += v
            buckets[Self.bucket(v)] += 1
        }
        guard n > 0 else {
            self.init(n: 0, mean: nil, median: nil, p90: nil, max: nil, buckets: buckets)
            return
        }
        self.init(
            n: n, mean: Self.roundedQuotient(sum, Int64(n)), median: Self.quantile(sorted, tenths: 5),
            p90: Self.quantile(sorted, tenths: 9), max: sorted[n - 1], buckets: buckets)
    }

    /// Bucket index of a duration (negative ones count in the first).
    public static func bucket(_ v: Int64) -> Int {
        var b = 0
        while b + 1 < bucketBounds.count, v >= bucketBounds[b + 1] { b += 1 }
        return b
    }

    /// `a / b` rounded to the nearest integer, halves up (`b > 0`).
    static func roundedQuotient(_ a: Int64, _ b: Int64) -> Int64 {
        // floor((2a + b) / 2b), for negative a too.
        let num = 2 * a + b
        let den = 2 * b
        let q = num / den
        return (num % den != 0 && num < 0) ? q - 1 : q
    }

    /// R-7 quantile at `p = tenths / 10` of a non-empty sorted array, rounded halves up, in
    /// integers: rank `h = (n − 1)·tenths / 10`, `x[⌊h⌋] + frac(h)·(x[⌊h⌋+1] − x[⌊h⌋])`.
    static func quantile(_ sorted: [Int64], tenths: Int64) -> Int64 {
        let scaled = Int64(sorted.count - 1) * tenths
        let lo = Int(scaled / 10)
        let r = scaled % 10
        guard r != 0 else { return sorted[lo] }
        let a = sorted[lo]
        let d = sorted[lo + 1] - a
        return roundedQuotient(10 * a + r * d, 10)
    }
}
