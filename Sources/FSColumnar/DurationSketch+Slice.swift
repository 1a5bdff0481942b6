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
                        for s in 0..<slots { c[s] = t[end * slots + s] &- t[first * slots + s] }
                    }
                    loose = [
                        whole.lowerBound..<(first * Self.superBlockLength), (end * Self.superBlockLength)..<whole.upperBound,
                    ]
                }
                blockCounts.withUnsafeBufferPointer { b in
                    for blocks in loose {
                        for block in blocks {
                            for s in 0..<slots { c[s] &+= UInt32(b[block * slots + s]) }
                        }
                    }
                }
                sum = prefixSums[whole.upperBound] &- prefixSums[whole.lowerBound]
                blockMax.withUnsafeBufferPointer { m in
                    for block in whole { largest = max(largest, m[block]) }
                }
            }
            let partial =
                whole.isEmpty
                ? [range]
                : [
                    range.lowerBound..<(whole.lowerBound << Self.blockShift),
                    (whole.upperBound << Self.blockShift)..<range.upperBound,
                ]
            withTable { t in
                for part in partial {
                    for v in values[part] {
                        c[Self.slot(v, t)] &+= 1
                        sum &+= Int64(v)
                        largest = max(largest, v)
                    }
                }
            }
        }
        return SliceCounts(counts: counts, sum: sum, largest: largest)
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
                            let hit = unsafeBitCast((v &- la) .< wa .| (v &- lb) .< wb, to: V.self)
                            let eight = hit.lowHalf | hit.highHalf
                            let four = unsafeBitCast(eight.lowHalf | eight.highHalf, to: SIMD2<UInt64>.self)
                            if four[0] | four[1] != 0 {
                                // Only the lanes that hold a member (about one in a group).
                                var lanes = UInt32(truncatingIfNeeded: (hit & weights).wrappedSum())
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
