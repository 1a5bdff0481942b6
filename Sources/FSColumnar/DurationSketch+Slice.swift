/// A slice's slot counts, sum and maximum from the sketch, and the values of given slots.
extension DurationSketch {
    /// Counts per slot, sum and maximum of `values[range]`.
    public struct SliceCounts: Sendable, Equatable {
        /// ``slotCount`` counts.
        public var counts: [UInt32]
        public var sum: Int64
        /// `Int32.min` for an empty slice.
        public var largest: Int32
    }

    /// The whole blocks inside `range`.
    @inline(__always)
    static func wholeBlocks(_ range: Range<Int>) -> Range<Int> {
        let first = (range.lowerBound + blockLength - 1) >> blockShift
        let end = range.upperBound >> blockShift
        return first < end ? first..<end : first..<first
    }

    /// The counts, sum and maximum of `values[range]` (`values` the column the sketch was
    /// built from): whole blocks from the sketch, the rest from the values.
    /// - Complexity: O(slots · (1 + blocks outside whole super blocks)) plus the values of
    ///   the two partial end blocks (fewer than 4,096).
    public func counts(_ values: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> SliceCounts {
        let slots = Self.slotCount
        var counts = [UInt32](repeating: 0, count: slots)
        var sum: Int64 = 0
        var largest = Int32.min
        let whole = Self.wholeBlocks(range)
        counts.withUnsafeMutableBufferPointer { c in
            if !whole.isEmpty {
                let first = (whole.lowerBound + Self.superBlockLength - 1) / Self.superBlockLength
                let end = whole.upperBound / Self.superBlockLength
                var loose: [Range<Int>] = [whole]
                if first < end {
                    superCounts.withUnsafeBufferPointer { t in
                        Self.difference(c.baseAddress!, t.baseAddress! + end * slots, t.baseAddress! + first * slots)
                    }
                    loose = [
                        whole.lowerBound..<(first * Self.superBlockLength), (end * Self.superBlockLength)..<whole.upperBound,
                    ]
                }
                for blocks in loose { addCounts(of: blocks, to: c.baseAddress!) }
                sum = prefixSums[whole.upperBound] &- prefixSums[whole.lowerBound]
                blockMax.withUnsafeBufferPointer { m in
                    for block in whole { largest = max(largest, m[block]) }
                }
            }
            // Each partial end block: its values in the slice are counted, or, when they are
            // more than half of a whole block, its counts less those of the values outside
            // (at most half a block read for slots either way; the maximum and the sum of
            // the values inside are one SIMD pass).
            let wholeCount = Self.blocks(count: values.count)
            let ends =
                whole.isEmpty
                ? [range]
                : [
                    range.lowerBound..<(whole.lowerBound << Self.blockShift),
                    (whole.upperBound << Self.blockShift)..<range.upperBound,
                ]
            withTable { t in
                for part in ends where !part.isEmpty {
                    let block = part.lowerBound >> Self.blockShift
                    let blockStart = block << Self.blockShift
                    let blockEnd = blockStart + Self.blockLength
                    // The outside of the part in its block is one run only when the part
                    // reaches one of the block's ends.
                    let outside =
                        part.lowerBound == blockStart
                        ? part.upperBound..<blockEnd : part.upperBound == blockEnd ? blockStart..<part.lowerBound : nil
                    let inside = Self.sumAndMax(values, part)
                    largest = max(largest, inside.largest)
                    if let outside, block < wholeCount, part.count > Self.blockLength / 2 {
                        addCounts(of: block..<(block + 1), to: c.baseAddress!)
                        for v in values[outside] { c[Self.slot(v, t)] &-= 1 }
                    } else {
                        for v in values[part] { c[Self.slot(v, t)] &+= 1 }
                    }
                    sum &+= inside.sum
                }
            }
        }
        return SliceCounts(counts: counts, sum: sum, largest: largest)
    }

    /// Adds the slot counts of the whole blocks `blocks` to `counts` (``slotCount`` of them),
    /// eight slots at a time.
    func addCounts(of blocks: Range<Int>, to counts: UnsafeMutablePointer<UInt32>) {
        guard !blocks.isEmpty else { return }
        blockCounts.withUnsafeBufferPointer { b in
            let raw = UnsafeRawPointer(b.baseAddress!)
            let out = UnsafeMutableRawPointer(counts)
            let stride = Self.slotCount &* 2
            for group in 0..<(Self.slotCount / 8) {
                var total = out.loadUnaligned(fromByteOffset: group &* 32, as: SIMD8<UInt32>.self)
                var at = blocks.lowerBound &* stride &+ group &* 16
                for _ in blocks {
                    total &+= SIMD8<UInt32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: at, as: SIMD8<UInt16>.self))
                    at &+= stride
                }
                out.storeBytes(of: total, toByteOffset: group &* 32, as: SIMD8<UInt32>.self)
            }
        }
    }

    /// `out[s] = a[s] − b[s]` for the ``slotCount`` slots (wrapping), eight at a time.
    static func difference(
        _ out: UnsafeMutablePointer<UInt32>, _ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>
    ) {
        let (o, x, y) = (UnsafeMutableRawPointer(out), UnsafeRawPointer(a), UnsafeRawPointer(b))
        for group in 0..<(slotCount / 8) {
            let at = group &* 32
            let d =
                x.loadUnaligned(fromByteOffset: at, as: SIMD8<UInt32>.self)
                &- y.loadUnaligned(fromByteOffset: at, as: SIMD8<UInt32>.self)
            o.storeBytes(of: d, toByteOffset: at, as: SIMD8<UInt32>.self)
        }
    }

    /// The sum and the maximum of `values[range]` (`Int32.min` when empty), sixteen lanes at a time.
    static func sumAndMax(_ values: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> (sum: Int64, largest: Int32) {
        typealias V = SIMD16<Int32>
        var sum: Int64 = 0
        var largest = Int32.min
        var i = range.lowerBound
        if let base = values.baseAddress {
            // Lane sums of the 16-bit halves stay exact for 2¹⁵ groups; a part is less than two blocks.
            precondition(range.count <= V.scalarCount << 15)
            var (high, low, m) = (V(), V(), V(repeating: Int32.min))
            let raw = UnsafeRawPointer(base)
            while i &+ V.scalarCount <= range.upperBound {
                let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: V.self)
                high &+= v &>> 16
                low &+= v & 0xFFFF
                m = pointwiseMax(m, v)
                i &+= V.scalarCount
            }
            for k in 0..<V.scalarCount { sum &+= (Int64(high[k]) << 16) &+ Int64(low[k]) }
            largest = m.max()
        }
        while i < range.upperBound {
            sum &+= Int64(values[i])
            largest = max(largest, values[i])
            i += 1
        }
        return (sum, largest)
    }

    /// The values of `values[range]` in slot `first` and in slot `second` (when given), in
    /// their order, at most `capacity` of each (the slots' counts over the range): sixteen
    /// values are tested at a time (a group holding none costs two operations per lane),
    /// and whole blocks holding neither slot are skipped on their counts.
    public func gather(
        _ values: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ first: Int, _ second: Int?,
        capacity: (Int, Int)
    ) -> ([Int32], [Int32]) {
        let (lowA, widthA) = bounds(slot: first)
        let (lowB, widthB) = second.map { bounds(slot: $0) } ?? (0, 0)
        let (capA, capB) = (capacity.0, second == nil ? 0 : capacity.1)
        typealias V = SIMD16<Int32>
        // `UInt32(bitPattern: v &- low) < width` as one subtraction and one signed
        // comparison: both sides moved by 2³¹ (`low ^ Int32.min`, `width ^ Int32.min`).
        let (la, wa) = (V(repeating: lowA ^ Int32.min), V(repeating: Int32(bitPattern: widthA) ^ Int32.min))
        let (lb, wb) = (V(repeating: lowB ^ Int32.min), V(repeating: Int32(bitPattern: widthB) ^ Int32.min))
        var weights = V()
        for j in 0..<V.scalarCount { weights[j] = 1 << j }
        let secondSlot = second ?? first
        let wholeBlocks = Self.blocks(count: values.count)
        var b: [Int32] = []
        let a = [Int32](unsafeUninitializedCapacity: capA + 1) { outA, countA in
            b = [Int32](unsafeUninitializedCapacity: capB + 1) { outB, countB in
                guard let base = values.baseAddress else { return }
                let (pa, pb) = (outA.baseAddress!, outB.baseAddress!)
                var (ka, kb) = (0, 0)
                blockCounts.withUnsafeBufferPointer { counts in
                    let raw = UnsafeRawPointer(base)
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let block = start >> Self.blockShift
                        let end = min(range.upperBound, (block + 1) << Self.blockShift)
                        // A whole block with no value of either slot is skipped.
                        if end - start == Self.blockLength && block < wholeBlocks
                            && counts[block * Self.slotCount + first] == 0
                            && counts[block * Self.slotCount + secondSlot] == 0
                        {
                            start = end
                            continue
                        }
                        var i = start
                        while i &+ V.scalarCount <= end {
                            let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: V.self)
                            let hit = (v &- la) .< wa .| (v &- lb) .< wb
                            if any(hit) {
                                // Only the lanes that hold a member (about one in a group).
                                var lanes = UInt32(truncatingIfNeeded: V().replacing(with: weights, where: hit).wrappedSum())
                                while lanes != 0 {
                                    let x = base[i &+ lanes.trailingZeroBitCount]
                                    if UInt32(bitPattern: x &- lowA) < widthA {
                                        pa[min(ka, capA)] = x
                                        ka &+= 1
                                    }
                                    if UInt32(bitPattern: x &- lowB) < widthB {
                                        pb[min(kb, capB)] = x
                                        kb &+= 1
                                    }
                                    lanes &= lanes &- 1
                                }
                            }
                            i &+= V.scalarCount
                        }
                        while i < end {
                            let x = base[i]
                            pa[min(ka, capA)] = x
                            pb[min(kb, capB)] = x
                            ka &+= UInt32(bitPattern: x &- lowA) < widthA ? 1 : 0
                            kb &+= UInt32(bitPattern: x &- lowB) < widthB ? 1 : 0
                            i &+= 1
                        }
                        start = end
                    }
                }
                countA = min(ka, capA)
                countB = min(kb, capB)
            }
        }
        return (a, b)
    }
}
