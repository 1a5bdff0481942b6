/// A small deterministic pseudo-random generator (SplitMix64) with the handful of
/// distributions the generator needs, built from exact IEEE operations only
/// (`+ - * /`, `rounded()`), so the same seed gives the same data on every machine:
/// no `SystemRandomNumberGenerator`, no libm.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one independent stream: `(seed, stream, index)` hashed together.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = SplitMix64.hash(seed, stream, index)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        mix(mix(mix(a &+ 0x632B_E59B_D9B4_E019) ^ (b &* 0x9E37_79B9_7F4A_7C15)) ^ (c &* 0xC2B2_AE3D_27D4_EB4F))
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Uniform in `0..<n` (`n > 0`).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in `lo...hi`.
    @inline(__always)
    mutating func int64(in lo: Int64, _ hi: Int64) -> Int64 {
        hi <= lo ? lo : lo + Int64(below(Int(hi - lo + 1)))
    }

    /// Approximately standard normal (Irwin–Hall of four uniforms, bounded at ±3.46).
    @inline(__always)
    mutating func normal() -> Double {
        (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772
    }

    /// Log-normal with the given median and log-space spread.
    @inline(__always)
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * SplitMix64.exp(sigma * normal())
    }

    /// Index drawn from cumulative weights (last element is the total).
    mutating func pick(cumulative: [Double]) -> Int {
        let target = unit() * cumulative[cumulative.count - 1]
        var i = 0
        while i < cumulative.count - 1 && cumulative[i] <= target { i += 1 }
        return i
    }

    /// `e^x` from basic arithmetic only (range reduction and a Taylor series), so results
    /// do not depend on the platform's libm. Relative error ~1e-15 for |x| < 700.
    static func exp(_ x: Double) -> Double {
        let x = Swift.min(Swift.max(x, -700), 700)
        let k = (x * 1.4426950408889634).rounded()
        let r = x - k * 0.6931471805599453
        var term = 1.0
        var sum = 1.0
        for i in 1...13 {
            term = term * r / Double(i)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1.0)
    }
}
