/// Stable least-significant-digit radix sort of `UInt64` keys, used by the loader to lay
/// out columns without comparison sorts or per-element closures.
enum RadixSort {
    /// The permutation that orders `keys` ascending, ties kept in input order:
    /// `keys[order[0]] <= keys[order[1]] <= ...`.
    /// - Complexity: O(n · d) for d = ⌈bits of the largest key / 12⌉ passes, skipping
    ///   digits that are the same in every key; O(n) extra memory.
    static func stableOrder(_ keys: [UInt64]) -> [Int32] {
        let n = keys.count
        precondition(n < Int(Int32.max), "too many rows for 32-bit row numbers")
        var order = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer[i] = Int32(i) }
            count = n
        }
        guard n > 1 else { return order }
        var maxKey: UInt64 = 0
        var sorted = true
        keys.withUnsafeBufferPointer { k in
            var previous: UInt64 = 0
            for i in 0..<n {
                let key = k[i]
                maxKey = max(maxKey, key)
                if key < previous { sorted = false }
                previous = key
            }
        }
        if sorted { return order }

        let bits = UInt64.bitWidth - maxKey.leadingZeroBitCount
        let passes = (bits + 11) / 12
        let digitBits = (bits + passes - 1) / passes
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)

        // All digit histograms in one read pass.
        var histograms = [Int](repeating: 0, count: radix * passes)
        keys.withUnsafeBufferPointer { k in
            histograms.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    var key = k[i]
                    for p in 0..<passes {
                        h[p * radix + Int(key & mask)] += 1
                        key >>= UInt64(digitBits)
                    }
                }
            }
        }

        var keyA = keys
        var keyB = [UInt64](repeating: 0, count: n)
        var orderB = [Int32](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: radix)
        for p in 0..<passes {
            let shift = UInt64(p * digitBits)
            var constant = false
            histograms.withUnsafeBufferPointer { h in
                var running = 0
                for d in 0..<radix {
                    let c = h[p * radix + d]
                    if c == n { constant = true }
                    offsets[d] = running
                    running += c
                }
            }
            if constant { continue }
            keyA.withUnsafeBufferPointer { srcKeys in
                order.withUnsafeBufferPointer { srcOrder in
                    keyB.withUnsafeMutableBufferPointer { dstKeys in
                        orderB.withUnsafeMutableBufferPointer { dstOrder in
                            offsets.withUnsafeMutableBufferPointer { next in
                                for i in 0..<n {
                                    let key = srcKeys[i]
                                    let d = Int((key >> shift) & mask)
                                    let at = next[d]
                                    next[d] = at + 1
                                    dstKeys[at] = key
                                    dstOrder[at] = srcOrder[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keyA, &keyB)
            swap(&order, &orderB)
        }
        return order
    }
}

/// Id → dense index: a direct table when ids are dense enough, else binary search.
struct IDLookup {
    private let direct: [Int32]
    private let base: Int64
    private let sortedIDs: [Int64]
    private let rows: [Int32]

    /// - Parameters:
    ///   - ids: ids in row order; sorted ascending unless `rows` is true.
    ///   - rows: the ids are in arbitrary order and the index is their position.
    init(_ ids: [Int64], rows: Bool = false) {
        if rows {
            var ascending = true
            for i in ids.indices.dropFirst() where ids[i - 1] > ids[i] {
                ascending = false
                break
            }
            if ascending {
                sortedIDs = ids
                self.rows = []
            } else {
                let base = ids.min() ?? 0
                let order = RadixSort.stableOrder(ids.map { UInt64(bitPattern: $0 &- base) })
                sortedIDs = order.map { ids[Int($0)] }
                self.rows = order
            }
        } else {
            sortedIDs = ids
            self.rows = []
        }
        base = sortedIDs.first ?? 0
        let (span, overflow) = (sortedIDs.last ?? 0).subtractingReportingOverflow(base)
        if !sortedIDs.isEmpty, !overflow, span < Int64(sortedIDs.count) * 4 + 1024 {
            var table = [Int32](repeating: -1, count: Int(span) + 1)
            let rowOf = self.rows
            let first = base
            let all = sortedIDs
            table.withUnsafeMutableBufferPointer { t in
                for (k, id) in all.enumerated() {
                    t[Int(id - first)] = rowOf.isEmpty ? Int32(k) : rowOf[k]
                }
            }
            direct = table
        } else {
            direct = []
        }
    }

    /// The index of `id`, or -1 when it is not there.
    @inline(__always)
    func code(of id: Int64) -> Int32 {
        if !direct.isEmpty {
            let (offset, overflow) = id.subtractingReportingOverflow(base)
            guard !overflow, offset >= 0, offset < Int64(direct.count) else { return -1 }
            return direct[Int(offset)]
        }
        guard let k = ColumnarStore.index(of: id, in: sortedIDs) else { return -1 }
        return rows.isEmpty ? Int32(k) : rows[k]
    }
}
