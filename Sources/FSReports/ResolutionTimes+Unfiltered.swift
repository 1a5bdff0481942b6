import FSColumnar

extension ResolutionTimes.Input {
    /// ``summary(_:)`` without filters. The cohort is a slice of the closed list: its counts
    /// come from the block tallies (``CohortTallies``, when loaded) and its full resolutions
    /// from the resolution column and its sketch (``DurationSketch``); the first closes are
    /// one scan; statistics by selection, not sorting. Same figures as the general path.
    func unfilteredSummary(_ range: ClosedRange<Int64>) -> ResolutionTimes.Summary {
        let seconds = ResponseTimes.secondsRange(range)
        let (lo, hi) = store.closedResolvedAt.withUnsafeBufferPointer { r in
            let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
            return (lo, lowerBound(r, seconds.upperBound, in: lo..<r.count))
        }
        let n = hi - lo
        let sums =
            tallies?.sums(lo..<hi, store: store, responses: replies, history: history)
            ?? CohortTallies.Sums(positions: lo..<hi, store: store, responses: replies, history: history)
        let first = firstCloses(seconds, capacity: n + n / 4)
        let (fullStats, firstStats) = blocks(lo..<hi, first)
        let events = history.reopenAt.range(seconds)
        return ResolutionTimes.Summary(
            closed: n, full: fullStats, first: firstStats,
            agentReplies: ResolutionTimes.ReplyCounts(histogram: sums.agentCounts, n: n, sum: sums.agentSum)
                ?? cohortCounts(replies.agentReplies, lo..<hi),
            customerMessages: ResolutionTimes.ReplyCounts(histogram: sums.customerCounts, n: n, sum: sums.customerSum)
                ?? cohortCounts(replies.customerMessages, lo..<hi),
            oneTouch: sums.one, zeroTouch: sums.zero, reopened: sums.back, reopenEvents: events.count,
            closeToReopenMedian: events.isEmpty
                ? nil
                : history.reopenSinceClose.withUnsafeBufferPointer {
                    DurationStats.quantile(durations: UnsafeBufferPointer(rebasing: $0[events]), tenths: 5)
                },
            history: n == 0 ? .activities : CloseHistory.Source(rawValue: sums.worst) ?? .none)
    }

    /// The figures of a count column over the cohort (the closed list's slice `slice`), from the values.
    func cohortCounts(_ column: Column<UInt16>, _ slice: Range<Int>) -> ResolutionTimes.ReplyCounts {
        ResolutionTimes.ReplyCounts(slice.map { Int64(column[Int(store.closedRows[$0])]) })
    }

    /// The statistics blocks of full resolution (the closed list's slice `cohort`) and of
    /// the first closes. Full resolution from the resolution column's slice and its sketch
    /// when given, else from the tickets' times, the two blocks then one per core.
    func blocks(_ cohort: Range<Int>, _ first: [Int32]) -> (DurationStats, DurationStats) {
        if let resolutions {
            // The sketch's block is short work: both cores go to the first closes' in turn.
            let full = resolutions.values.withUnsafeBufferPointer {
                DurationStats(column: $0, range: cohort, sketch: resolutions.sketch, cores: 2)
            }
            return (full, first.withUnsafeBufferPointer { DurationStats(durations: $0, cores: 2) })
        }
        let full = cohort.map { Int32(clamping: store.closedResolvedAt[$0] - store.ticketCreatedAt[Int(store.closedRows[$0])]) }
        let stats = Parallel.map(2, concurrently: full.count + first.count >= DurationStats.splitFrom) { k in
            (k == 0 ? full : first).withUnsafeBufferPointer { DurationStats(durations: $0) }
        }
        return (stats[0], stats[1])
    }

    /// First closes in `seconds`, as durations from creation: a scan of the 32-bit offsets
    /// (none is `UInt32.max`, above every key).
    func firstCloses(_ seconds: Range<Int64>, capacity: Int) -> [Int32] {
        var first: [Int32] = []
        let closes = history.firstClose
        let base = closes.base
        let (klo, khi) = (Self.key(seconds.lowerBound, base), Self.key(seconds.upperBound, base))
        // Blocks of 64 are first tested 16 lanes at a time: most blocks of a short range hold
        // no close in it and are skipped whole.
        let low = UInt32(klo)
        let width = UInt32(khi - klo)
        let (lows, widths) = (SIMD16<UInt32>(repeating: low), SIMD16<UInt32>(repeating: width))
        store.ticketCreatedAt.withUnsafeBufferPointer { created in
            closes.offsets.withUnsafeBufferPointer { offsets in
                first.reserveCapacity(capacity)
                guard let o = offsets.baseAddress else { return }
                let n = offsets.count
                var start = 0
                while start < n {
                    let end = min(start + 64, n)
                    var hit = end - start < 64
                    if !hit {
                        var mask = SIMDMask<SIMD16<Int32>>(repeating: false)
                        for j in stride(from: 0, to: 64, by: 16) {
                            let v = UnsafeRawPointer(o + start + j).loadUnaligned(as: SIMD16<UInt32>.self)
                            mask .|= (v &- lows) .< widths
                        }
                        hit = any(mask)
                    }
                    if hit {
                        for row in start..<end where o[row] &- low < width {
                            first.append(Int32(clamping: base + Int64(o[row]) - created[row]))
                        }
                    }
                    start = end
                }
            }
        }
        return first
    }

    /// A time as a key comparable with the first-close offsets from `base`.
    static func key(_ t: Int64, _ base: Int64) -> UInt64 {
        t <= base ? 0 : UInt64(min(t - base, Int64(UInt32.max)))
    }
}

extension ResolutionTimes.ReplyCounts {
    /// The figures of `n` counts given as a histogram (`histogram[v]` = how many equal `v`)
    /// and their sum, as ``init(_:)`` computes them from the values; the last slot counts
    /// that value and every larger one, so nil when a median rank falls in it.
    init?(histogram: [Int32], n: Int, sum: Int64) {
        self.init([])
        counts = [0, 1, 2].map { Int(histogram[$0]) } + [n - Int(histogram[0]) - Int(histogram[1]) - Int(histogram[2])]
        guard n > 0 else { return }
        meanHundredths = DurationStats.roundedQuotient(100 * sum, Int64(n))
        // R-7 at p = 0.5 over the values × 100: ranks ⌊h⌋ and ⌊h⌋ + 1 of h = (n − 1) / 2.
        func value(atRank rank: Int) -> Int64 {
            var seen = 0
            var v = 0
            while seen + Int(histogram[v]) <= rank {
                seen += Int(histogram[v])
                v += 1
            }
            return Int64(v)
        }
        let scaled = Int64(n - 1) * 5
        let low = Int(scaled / 10)
        let top = Int64(histogram.count - 1)
        guard value(atRank: scaled % 10 == 0 ? low : low + 1) < top else { return nil }
        let a = 100 * value(atRank: low)
        medianHundredths =
            scaled % 10 == 0 ? a : DurationStats.roundedQuotient(10 * a + 5 * (100 * value(atRank: low + 1) - a), 10)
    }
}
