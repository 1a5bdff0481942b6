import FSColumnar

extension ResolutionTimes.Input {
    /// ``summary(_:)`` without filters, in one pass over the cohort's slice of the closed
    /// rows (durations into one buffer, reply counts into histograms) and one sequential
    /// scan of the first closes; statistics by selection, not sorting. Same figures.
    /// - Parameter splitFrom: tickets from which the pass over all of them runs in two halves.
    func unfilteredSummary(_ range: ClosedRange<Int64>, splitFrom: Int = Self.splitFrom) -> ResolutionTimes.Summary {
        let seconds = ResponseTimes.secondsRange(range)
        let (lo, hi) = store.closedResolvedAt.withUnsafeBufferPointer { r in
            let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
            return (lo, lowerBound(r, seconds.upperBound, in: lo..<r.count))
        }
        let count = hi - lo
        var tally = Tally()
        var full: [Int32]
        var first: [Int32]
        // A cohort of a quarter of the tickets or more (all time, long ranges) is cheaper as
        // one sequential pass over every ticket, fused with the first closes, than as
        // gathers at the cohort's rows scattered over the ticket columns.
        // With the resolution column and its sketch, full resolution is that column's
        // slice of the cohort and the passes only count.
        let keep = resolutions == nil
        if count >= store.ticketCount / 4 {
            (full, first) = sequentialPass(seconds, count: count, tally: &tally, splitFrom: splitFrom, keepFull: keep)
        } else {
            full = gatherPass(lo..<hi, tally: &tally, keepFull: keep)
            first = firstCloses(seconds, capacity: count + count / 4)
        }
        let (fullStats, firstStats) = Self.blocks(full, first, resolutions.map { ($0, lo..<hi) })
        let (oneTouch, zeroTouch, reopened, weakest) = (tally.one, tally.zero, tally.back, tally.worst)
        let (agentSum, customerSum) = (tally.agentSum, tally.customerSum)
        let (agentCounts, customerCounts) = (tally.agentCounts, tally.customerCounts)
        let events = history.reopenAt.range(seconds)
        let n = hi - lo
        return ResolutionTimes.Summary(
            closed: n, full: fullStats, first: firstStats,
            agentReplies: ResolutionTimes.ReplyCounts(histogram: agentCounts, n: n, sum: agentSum)
                ?? cohortCounts(replies.agentReplies, lo..<hi),
            customerMessages: ResolutionTimes.ReplyCounts(histogram: customerCounts, n: n, sum: customerSum)
                ?? cohortCounts(replies.customerMessages, lo..<hi),
            oneTouch: oneTouch, zeroTouch: zeroTouch, reopened: reopened, reopenEvents: events.count,
            closeToReopenMedian: events.isEmpty
                ? nil
                : history.reopenSinceClose.withUnsafeBufferPointer {
                    DurationStats.quantile(durations: UnsafeBufferPointer(rebasing: $0[events]), tenths: 5)
                },
            history: n == 0 ? .activities : CloseHistory.Source(rawValue: weakest) ?? .none)
    }

    /// The figures of a count column over the cohort (the closed list's slice `slice`), from the values.
    func cohortCounts(_ column: Column<UInt16>, _ slice: Range<Int>) -> ResolutionTimes.ReplyCounts {
        ResolutionTimes.ReplyCounts(slice.map { Int64(column[Int(store.closedRows[$0])]) })
    }

    /// The per-cohort counts of ``unfilteredSummary(_:)``.
    struct Tally {
        /// Counts per value, the last slot for ``cap`` and more (a small table to clear; the
        /// median falls back to the values themselves in the rare case it reaches the cap).
        var agentCounts = [Int32](repeating: 0, count: cap + 1)
        var customerCounts = [Int32](repeating: 0, count: cap + 1)
        static let cap = 1023
        var agentSum: Int64 = 0
        var customerSum: Int64 = 0
        var one = 0
        var zero = 0
        var back = 0
        var worst: UInt8 = 0

        /// Both tallies together.
        func merged(_ other: Tally) -> Tally {
            var t = self
            for v in 0...Self.cap {
                t.agentCounts[v] &+= other.agentCounts[v]
                t.customerCounts[v] &+= other.customerCounts[v]
            }
            t.agentSum += other.agentSum
            t.customerSum += other.customerSum
            t.one += other.one
            t.zero += other.zero
            t.back += other.back
            t.worst = max(t.worst, other.worst)
            return t
        }
    }

    /// The statistics blocks of full and first resolution, one per core when both are long;
    /// full resolution from `column`'s slice and its sketch when given (then `full` is empty).
    static func blocks(
        _ full: [Int32], _ first: [Int32], _ column: ((values: Column<Int32>, sketch: DurationSketch), Range<Int>)?
    ) -> (DurationStats, DurationStats) {
        if let (resolutions, slice) = column {
            // The sketch's block is short work: both cores go to the first closes' in turn.
            let fullStats = resolutions.values.withUnsafeBufferPointer {
                DurationStats(column: $0, range: slice, sketch: resolutions.sketch, cores: 2)
            }
            return (fullStats, first.withUnsafeBufferPointer { DurationStats(durations: $0, cores: 2) })
        }
        let stats = Parallel.map(2, concurrently: full.count + first.count >= splitFrom) { k in
            (k == 0 ? full : first).withUnsafeBufferPointer { DurationStats(durations: $0) }
        }
        return (stats[0], stats[1])
    }

    /// Full resolutions of the closed list's slice `slice`, counts into `tally`.
    func gatherPass(_ slice: Range<Int>, tally: inout Tally, keepFull: Bool = true) -> [Int32] {
        let (lo, count) = (slice.lowerBound, slice.count)
        var full = [Int32](repeating: 0, count: keepFull ? count : 0)
        full.withUnsafeMutableBufferPointer { fullOut in
            tally.agentCounts.withUnsafeMutableBufferPointer { agentHistogram in
                tally.customerCounts.withUnsafeMutableBufferPointer { customerHistogram in
                    store.ticketCreatedAt.withUnsafeBufferPointer { created in
                        store.closedRows.withUnsafeBufferPointer { rows in
                            store.closedResolvedAt.withUnsafeBufferPointer { resolved in
                                replies.agentReplies.withUnsafeBufferPointer { agent in
                                    replies.customerMessages.withUnsafeBufferPointer { customer in
                                        history.reopens.withUnsafeBufferPointer { reopens in
                                            history.source.codes.withUnsafeBufferPointer { source in
                                                var one = 0
                                                var zero = 0
                                                var back = 0
                                                var worst: UInt8 = 0
                                                var aSum: Int64 = 0
                                                var cSum: Int64 = 0
                                                for k in 0..<count {
                                                    let row = Int(rows[lo + k])
                                                    if keepFull {
                                                        fullOut[k] = Int32(clamping: resolved[lo + k] - created[row])
                                                    }
                                                    let a = agent[row]
                                                    let c = customer[row]
                                                    agentHistogram[min(Int(a), Tally.cap)] &+= 1
                                                    customerHistogram[min(Int(c), Tally.cap)] &+= 1
                                                    aSum &+= Int64(a)
                                                    cSum &+= Int64(c)
                                                    let reopenedRow = reopens[row] > 0
                                                    one &+= a == 1 && !reopenedRow ? 1 : 0
                                                    zero &+= a == 0 ? 1 : 0
                                                    back &+= reopenedRow ? 1 : 0
                                                    worst = max(worst, source[row])
                                                }
                                                (tally.one, tally.zero, tally.back, tally.worst) = (one, zero, back, worst)
                                                (tally.agentSum, tally.customerSum) = (aSum, cSum)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return full
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

    /// The cohort (closed, `resolved_at` in `seconds`; `count` rows) and the first closes in
    /// `seconds`, in one pass over every ticket's columns in row order. Rows outside are
    /// written and not kept (the output index advances by 0 or 1), and add 0 to the
    /// histograms, so the loop has no data-dependent branch. The values come out in row
    /// order instead of the closed list's; the statistics do not depend on the order.
    func sequentialPass(
        _ seconds: Range<Int64>, count: Int, tally: inout Tally, splitFrom: Int, keepFull: Bool = true
    ) -> (full: [Int32], first: [Int32]) {
        let n = store.ticketCount
        // Two halves of the rows, one per core when there are many, merged in row order.
        let halves = n >= splitFrom ? [0..<(n / 2), (n / 2)..<n] : [0..<n]
        let done = Parallel.map(halves.count) { sequentialPass(seconds, rows: halves[$0], keepFull: keepFull) }
        tally = done.dropFirst().reduce(done[0].tally) { $0.merged($1.tally) }
        let full = done.count == 1 ? done[0].full : done.flatMap(\.full)
        precondition(done.map(\.cohort).reduce(0, +) == count, "the closed list and the ticket columns disagree")
        return (full, done.count == 1 ? done[0].first : done.flatMap(\.first))
    }

    /// Rows from this many on are tallied in two halves at once.
    static let splitFrom = 200_000

    /// ``sequentialPass(_:count:tally:splitFrom:)`` over the rows `rows`.
    func sequentialPass(_ seconds: Range<Int64>, rows: Range<Int>, keepFull: Bool = true) -> (
        full: [Int32], first: [Int32], tally: Tally, cohort: Int
    ) {
        var tally = Tally()
        let (lower, n) = (rows.lowerBound, rows.count)
        // Without keeping them, every full resolution is written to the one slot.
        let count = keepFull ? n : 0
        let closes = history.firstClose
        let base = closes.base
        let (klo, khi) = (Self.key(seconds.lowerBound, base), Self.key(seconds.upperBound, base))
        let (tlo, thi) = (seconds.lowerBound, seconds.upperBound)
        var firstCount = 0
        var fullCount = 0
        var first = [Int32]()
        let full = [Int32](unsafeUninitializedCapacity: count + 1) { fullOut, fullInitialized in
            first = [Int32](unsafeUninitializedCapacity: n + 1) { firstOut, firstInitialized in
                tally.agentCounts.withUnsafeMutableBufferPointer { agentHistogram in
                    tally.customerCounts.withUnsafeMutableBufferPointer { customerHistogram in
                        store.ticketCreatedAt.withUnsafeBufferPointer { created in
                            store.ticketStatus.withUnsafeBufferPointer { status in
                                store.ticketResolvedAt.withUnsafeBufferPointer { resolved in
                                    replies.agentReplies.withUnsafeBufferPointer { agent in
                                        replies.customerMessages.withUnsafeBufferPointer { customer in
                                            history.reopens.withUnsafeBufferPointer { reopens in
                                                history.source.codes.withUnsafeBufferPointer { source in
                                                    closes.offsets.withUnsafeBufferPointer { offsets in
                                                        var one = 0
                                                        var zero = 0
                                                        var back = 0
                                                        var worst: UInt8 = 0
                                                        var aSum: Int64 = 0
                                                        var cSum: Int64 = 0
                                                        var k = 0
                                                        var f = 0
                                                        let fullBase = fullOut.baseAddress!
                                                        let firstBase = firstOut.baseAddress!
                                                        for row in lower..<(lower + n) {
                                                            let c0 = created[row]
                                                            let o = UInt64(offsets[row])
                                                            firstBase[f] = Int32(clamping: base &+ Int64(o) &- c0)
                                                            f &+= o >= klo && o < khi ? 1 : 0
                                                            let r = resolved[row]
                                                            let inCohort =
                                                                status[row] == TicketStatusCode.closed && r >= tlo
                                                                && r < thi
                                                            let m: Int32 = inCohort ? 1 : 0
                                                            fullBase[min(k, count)] = Int32(clamping: r &- c0)
                                                            k &+= Int(m)
                                                            let a = agent[row]
                                                            let c = customer[row]
                                                            agentHistogram[min(Int(a), Tally.cap)] &+= m
                                                            customerHistogram[min(Int(c), Tally.cap)] &+= m
                                                            let m64 = Int64(m)
                                                            aSum &+= Int64(a) &* m64
                                                            cSum &+= Int64(c) &* m64
                                                            let reopenedRow = reopens[row] > 0
                                                            one &+= inCohort && a == 1 && !reopenedRow ? 1 : 0
                                                            zero &+= inCohort && a == 0 ? 1 : 0
                                                            back &+= inCohort && reopenedRow ? 1 : 0
                                                            worst = max(worst, inCohort ? source[row] : 0)
                                                        }
                                                        (tally.one, tally.zero, tally.back, tally.worst) = (
                                                            one, zero, back, worst
                                                        )
                                                        (tally.agentSum, tally.customerSum) = (aSum, cSum)
                                                        (fullCount, firstCount) = (k, f)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                firstInitialized = firstCount
            }
            fullInitialized = min(fullCount, count)
        }
        return (full, first, tally, fullCount)
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
