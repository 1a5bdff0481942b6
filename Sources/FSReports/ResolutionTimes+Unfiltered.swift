import FSColumnar

extension ResolutionTimes.Input {
    /// ``summary(_:)`` without filters. The cohort is a slice of the closed list: its counts
    /// come from the block tallies (``CohortTallies``, when loaded) and its full resolutions
    /// from the resolution column and its sketch (``DurationSketch``); the first closes of
    /// the range are a slice of ``FirstResolutions``, with its sketch; statistics by
    /// selection, not sorting. Same figures as the general path.
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
        let (fullStats, firstStats) = blocks(lo..<hi, range)
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
                    DurationStats.quantile(column: $0, range: events, sketch: reopenSketch, tenths: 5)
                },
            history: n == 0 ? .activities : CloseHistory.Source(rawValue: sums.worst) ?? .none)
    }

    /// The figures of a count column over the cohort (the closed list's slice `slice`), from the values.
    func cohortCounts(_ column: Column<UInt16>, _ slice: Range<Int>) -> ResolutionTimes.ReplyCounts {
        ResolutionTimes.ReplyCounts(slice.map { Int64(column[Int(store.closedRows[$0])]) })
    }

    /// The statistics blocks of full resolution (the closed list's slice `cohort`) and of
    /// first resolution (the first closes of the days `range`), each from its column's
    /// slice and sketch; full resolution's slot scan takes both cores on long slices, first
    /// resolution's slots are cut out of its sorted days. Without the resolution column,
    /// full resolution is computed from the tickets' times.
    func blocks(_ cohort: Range<Int>, _ range: ClosedRange<Int64>) -> (DurationStats, DurationStats) {
        let full =
            resolutions.map { r in
                r.values.withUnsafeBufferPointer { DurationStats(column: $0, range: cohort, sketch: r.sketch, cores: 2) }
            }
            ?? cohort.map { Int32(clamping: store.closedResolvedAt[$0] - store.ticketCreatedAt[Int(store.closedRows[$0])]) }
            .withUnsafeBufferPointer { DurationStats(durations: $0, cores: 2) }
        // Each day's first resolutions are sorted: a quantile's slot is cut out of each day.
        let firsts = firstResolutions.values
        let first = firsts.durations.withUnsafeBufferPointer {
            DurationStats(
                column: $0, range: firsts.range(days: range), sketch: firstResolutions.sketch,
                sortedRuns: firsts.runs(days: range))
        }
        return (full, first)
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
