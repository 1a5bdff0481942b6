// The counting loops the report kernels share, over the store's columns. `@inlinable`
// so each report's loop is specialised in FSReports as when the two lived in one module.

/// Inner loops shared by the kernels: branch-free where it pays, over unsafe buffers.
package enum Kernels {
    /// First index in `lo ..< hi` where `below` is false (`hi` when none), for `below`
    /// true on a prefix: exponential probing from `lo`, then binary search, so a boundary
    /// close to the previous one costs a few probes.
    /// - Complexity: O(log d) for the distance d from `lo` to the answer.
    @inlinable
    package static func firstNotBelow(_ lo: Int, _ hi: Int, _ below: (Int) -> Bool) -> Int {
        var low = lo
        var bound = hi
        var step = 1
        while low < hi {
            let probe = low + step - 1
            if probe >= hi { break }
            if below(probe) {
                low = probe + 1
                step &<<= 1
            } else {
                bound = probe
                break
            }
        }
        var count = bound - low
        while count > 0 {
            let half = count >> 1
            let mid = low + half
            if below(mid) {
                low = mid + 1
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }

    /// Rows per block of the counting loops: their 32-bit lane counters cannot overflow.
    package static let block = 1 << 16

    /// Entries of `values[range]` equal to `value`. Written as arithmetic on the sign bit
    /// (`x | −x` is negative exactly when `x ≠ 0`) so the compiler vectorises it; a plain
    /// `c += v == value ? 1 : 0` runs about 6× slower here.
    @inlinable
    package static func countEqual(_ values: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ value: Int32) -> Int {
        var unequal = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let end = min(i + block, range.upperBound)
            var c: Int32 = 0
            for k in i..<end {
                let x = values[k] ^ value
                c &+= (x | (0 &- x)) &>> 31
            }
            unequal -= Int(c)
            i = end
        }
        return range.count - unequal
    }

    /// Entries `values[indexes[i]]`, `i` in `range`, equal to `value` (a gather: the
    /// indexes are rows of another table).
    @inlinable
    package static func countEqual(
        _ values: UnsafeBufferPointer<Int32>, at indexes: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ value: Int32
    ) -> Int {
        var unequal = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let end = min(i + block, range.upperBound)
            var c: Int32 = 0
            for k in i..<end {
                let x = values[Int(indexes[k])] ^ value
                c &+= (x | (0 &- x)) &>> 31
            }
            unequal -= Int(c)
            i = end
        }
        return range.count - unequal
    }

    /// Entries of `values[range]` less than `limit`, for values `>= -1` and `limit >= 0`
    /// (so `v − limit` cannot overflow and its sign bit is the answer).
    @inlinable
    package static func countBelow(_ values: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ limit: Int) -> Int {
        let limit = Int32(truncatingIfNeeded: limit)
        var below = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let end = min(i + block, range.upperBound)
            var c: Int32 = 0
            for k in i..<end { c &+= (values[k] &- limit) &>> 31 }
            below -= Int(c)
            i = end
        }
        return below
    }

    /// How many bytes equal 0, 1, 2 and 3 (the store's codes never exceed 3): eight bytes per
    /// step, per-byte counters in the lanes of a 64-bit word, widened before they overflow.
    @inlinable
    package static func histogram4(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let n = bytes.count
        var low = 0  // bytes with bit 0 set
        var high = 0  // bytes with bit 1 set
        var both = 0  // bytes with both
        guard let base = bytes.baseAddress else { return [0, 0, 0, 0] }
        let raw = UnsafeRawPointer(base)
        let words = n / 8
        var w = 0
        while w < words {
            let block = min(words - w, 255)  // a byte lane holds at most 255
            var accLow: UInt64 = 0
            var accHigh: UInt64 = 0
            var accBoth: UInt64 = 0
            for k in w..<(w + block) {
                let x = raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)
                let l = x & ones
                let h = (x >> 1) & ones
                accLow &+= l
                accHigh &+= h
                accBoth &+= l & h
            }
            low += sumLanes(accLow)
            high += sumLanes(accHigh)
            both += sumLanes(accBoth)
            w += block
        }
        var counts = [0, 0, 0, 0]
        for i in (words * 8)..<n { counts[Int(min(bytes[i], 3))] += 1 }
        counts[1] += low - both
        counts[2] += high - both
        counts[3] += both
        counts[0] += words * 8 - (low + high - both)
        return counts
    }

    /// Sum of the eight byte lanes of `x`.
    @inlinable
    package static func sumLanes(_ x: UInt64) -> Int {
        let pairs = (x & 0x00FF_00FF_00FF_00FF) &+ ((x >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
    }
}
