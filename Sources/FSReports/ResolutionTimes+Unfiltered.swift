import FSColumnar

extension ResolutionTimes.Input {
    /// ``summary(_:)`` without filters, in one pass over the cohort's slice of the closed
    /// rows (durations into one buffer, reply counts into histograms) and one sequential
    /// scan of the first closes; statistics by selection, not sorting. Same figures.
    func unfilteredSummary(_ range: ClosedRange<Int64>) -> ResolutionTimes.Summary {
        let seconds = ResponseTimes.secondsRange(range)
        let (lo, hi) = store.closedResolvedAt.withUnsafeBufferPointer { r in
            let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
            return (lo, lowerBound(r, seconds.upperBound, in: lo..<r.count))
        }
        var full = [Int32](repeating: 0, count: hi - lo)
        var agentCounts = [Int32](repeating: 0, count: 1 << 16)
        var customerCounts = [Int32](repeating: 0, count: 1 << 16)
        var agentSum: Int64 = 0
        var customerSum: Int64 = 0
        var oneTouch = 0
        var zeroTouch = 0
        var reopened = 0
        var weakest: UInt8 = 0
        let count = hi - lo
        full.withUnsafeMutableBufferPointer { fullOut in
            agentCounts.withUnsafeMutableBufferPointer { agentHistogram in
                customerCounts.withUnsafeMutableBufferPointer { customerHistogram in
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
                                                    fullOut[k] = Int32(clamping: resolved[lo + k] - created[row])
                                                    let a = agent[row]
                                                    let c = customer[row]
                                                    agentHistogram[Int(a)] &+= 1
                                                    customerHistogram[Int(c)] &+= 1
                                                    aSum &+= Int64(a)
                                                    cSum &+= Int64(c)
                                                    let reopenedRow = reopens[row] > 0
                                                    one &+= a == 1 && !reopenedRow ? 1 : 0
                                                    zero &+= a == 0 ? 1 : 0
                                                    back &+= reopenedRow ? 1 : 0
                                                    worst = max(worst, source[row])
                                                }
                                                (oneTouch, zeroTouch, reopened, weakest) = (one, zero, back, worst)
                                                (agentSum, customerSum) = (aSum, cSum)
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
        // First closes in range: a scan of the 32-bit offsets (none is UInt32.max, above every key).
        var first: [Int32] = []
        let closes = history.firstClose
        let base = closes.base
        func key(_ t: Int64) -> UInt64 { t <= base ? 0 : UInt64(min(t - base, Int64(UInt32.max))) }
        let (klo, khi) = (key(seconds.lowerBound), key(seconds.upperBound))
        store.ticketCreatedAt.withUnsafeBufferPointer { created in
            closes.offsets.withUnsafeBufferPointer { offsets in
                first.reserveCapacity(count + count / 4)
                for row in 0..<offsets.count {
                    let o = UInt64(offsets[row])
                    if o >= klo && o < khi { first.append(Int32(clamping: base + Int64(o) - created[row])) }
                }
            }
        }
        let events = history.reopenAt.range(seconds)
        let n = hi - lo
        return ResolutionTimes.Summary(
            closed: n, full: full.withUnsafeBufferPointer { DurationStats(durations: $0) },
            first: first.withUnsafeBufferPointer { DurationStats(durations: $0) },
            agentReplies: ResolutionTimes.ReplyCounts(histogram: agentCounts, n: n, sum: agentSum),
            customerMessages: ResolutionTimes.ReplyCounts(histogram: customerCounts, n: n, sum: customerSum),
            oneTouch: oneTouch, zeroTouch: zeroTouch, reopened: reopened, reopenEvents: events.count,
            closeToReopenMedian: events.isEmpty
                ? nil
                : history.reopenSinceClose.withUnsafeBufferPointer {
                    DurationStats.quantile(durations: UnsafeBufferPointer(rebasing: $0[events]), tenths: 5)
                },
            history: n == 0 ? .activities : CloseHistory.Source(rawValue: weakest) ?? .none)
    }
}

extension ResolutionTimes.ReplyCounts {
    /// The figures of `n` counts given as a histogram (`histogram[v]` = how many equal `v`)
    /// and their sum, as ``init(_:)`` computes them from the values.
    init(histogram: [Int32], n: Int, sum: Int64) {
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
        let a = 100 * value(atRank: low)
        medianHundredths =
            scaled % 10 == 0 ? a : DurationStats.roundedQuotient(10 * a + 5 * (100 * value(atRank: low + 1) - a), 10)
    }
}
