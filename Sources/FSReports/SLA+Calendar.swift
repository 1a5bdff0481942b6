import FSColumnar
import FSSnapshot

extension SLA {
    /// Samples of the range above which ``calendarCounts`` scans them on two threads (a
    /// second thread's start, and on a loaded machine its wait for a core, costs more below).
    static let parallelSamples = 500_000

    /// The counts (and open breaches) of ``run(store:columns:extras:targets:business:request:listBreaches:sla:)``
    /// on the calendar clock without filters or groups, as straight scans of contiguous
    /// slices: FRT durations beside ``ResponseColumns/frtRows`` with their priority codes
    /// (``SLAColumns``), reply durations (each sample's ticket priority looked up only when
    /// the targets differ by priority), the closed slice of the range with its resolution
    /// times and codes, then the open tickets and running clocks. The slices are split
    /// over two threads when they are big. No per-sample branch: met and breached are
    /// sums of comparisons.
    /// - Parameters:
    ///   - aligned: ``SLAColumns`` of this store and these columns.
    ///   - tables: per kind rank, the target per priority code + 1 (-1: none), or empty.
    /// - Returns: nil when a target exceeds 32 bits (the clamped durations could not be
    ///   compared) or there are too many priorities for one-byte codes.
    static func calendarCounts(
        store: ColumnarStore, columns: ResponseColumns, extras: ResponseTimes.TicketExtras, aligned: SLAColumns,
        tables: [[Int64]], seconds: Range<Int64>, now: Int64, listBreaches: Bool
    ) -> (summary: [Counts], breaches: [OpenBreach])? {
        guard tables.allSatisfy({ $0.allSatisfy { $0 < Int64(Int32.max) } }),
            extras.priorityNames.count <= SLAColumns.maxPriorityNames
        else { return nil }
        var summary = [Counts](repeating: Counts(), count: 3)
        var breaches: [OpenBreach] = []
        let (fr, nr, res) = (0, 1, 2)
        // The samples of the range.
        let closed =
            tables[res].isEmpty
            ? 0..<0
            : store.closedResolvedAt.withUnsafeBufferPointer { resolved in
                let lo = lowerBound(resolved, seconds.lowerBound, in: 0..<resolved.count)
                return lo..<lowerBound(resolved, seconds.upperBound, in: lo..<resolved.count)
            }
        let replyTable = tables[nr]
        let scans = SampleScans(
            store: store, columns: columns, aligned: aligned, priority: extras.priority,
            tables: tables.map { table in (0..<256).map { Target($0 < table.count ? table[$0] : -1) } },
            frt: tables[fr].isEmpty ? 0..<0 : columns.frtRange(seconds),
            replies: replyTable.isEmpty ? 0..<0 : columns.sampleRange(seconds),
            uniformReply: replyTable.first.flatMap { t in replyTable.allSatisfy { $0 == t } ? t : nil },
            closed: closed)
        let tallies: [Tally]
        if scans.samples > Self.parallelSamples {
            let halves = Parallel.map(2) { scans.run(part: $0, of: 2) }
            tallies = zip(halves[0], halves[1]).map { $0 + $1 }
        } else {
            tallies = scans.run(part: 0, of: 1)
        }
        for k in 0..<3 {
            summary[k].met = tallies[k].met
            summary[k].breached = tallies[k].judged - tallies[k].met
        }
        extras.priority.withUnsafeBufferPointer { priority in
            store.ticketCreatedAt.withUnsafeBufferPointer { created in
                // Open tickets past a target now.
                func list(_ k: Int, _ row: Int, _ since: Int64, _ t: Int64) {
                    breaches.append(
                        OpenBreach(
                            kind: SLATargets.Kind.ordered[k], ticketId: store.ticketIDs[row], row: row, since: since,
                            elapsed: now - since, target: t))
                }
                let frTable = tables[fr].isEmpty ? [Int64](repeating: -1, count: extras.priorityNames.count + 1) : tables[fr]
                let resTable =
                    tables[res].isEmpty ? [Int64](repeating: -1, count: extras.priorityNames.count + 1) : tables[res]
                frTable.withUnsafeBufferPointer { frTable in
                    resTable.withUnsafeBufferPointer { resTable in
                        store.openRows.withUnsafeBufferPointer { open in
                            // No agent reply at all (as unanswered_now; none means no first reply either).
                            columns.agentReplies.withUnsafeBufferPointer { agentReplies in
                                var (frOpen, resOpen) = (0, 0)
                                for r in open {
                                    let row = Int(r)
                                    let p = Int(priority[row]) &+ 1
                                    let age = now - created[row]
                                    let (ft, rt) = (frTable[p], resTable[p])
                                    let frBreach = ft > 0 && agentReplies[row] == 0 && age > ft
                                    let resBreach = rt > 0 && age > rt
                                    frOpen &+= frBreach ? 1 : 0
                                    resOpen &+= resBreach ? 1 : 0
                                    if listBreaches {
                                        if frBreach { list(fr, row, created[row], ft) }
                                        if resBreach { list(res, row, created[row], rt) }
                                    }
                                }
                                summary[fr].breachedOpen = frOpen
                                summary[res].breachedOpen = resOpen
                            }
                        }
                    }
                }
                if !tables[nr].isEmpty {
                    tables[nr].withUnsafeBufferPointer { table in
                        columns.pendingRows.withUnsafeBufferPointer { rows in
                            columns.pendingSince.offsets.withUnsafeBufferPointer { since in
                                store.ticketStatus.withUnsafeBufferPointer { status in
                                    var count = 0
                                    for k in 0..<rows.count {
                                        let row = Int(rows[k])
                                        let start = columns.pendingSince.base + Int64(since[k])
                                        let t = table[Int(priority[row]) &+ 1]
                                        let b = t > 0 && status[row] != TicketStatusCode.closed && now - start > t
                                        count &+= b ? 1 : 0
                                        if listBreaches, b { list(nr, row, start, t) }
                                    }
                                    summary[nr].breachedOpen = count
                                }
                            }
                        }
                    }
                }
            }
        }
        return (summary, breaches)
    }

    /// Met and judged samples of one kind over one slice.
    struct Tally: Sendable {
        var judged = 0
        var met = 0

        static func + (a: Tally, b: Tally) -> Tally { Tally(judged: a.judged + b.judged, met: a.met + b.met) }
    }

    /// The three sample scans of ``calendarCounts``, each over part `k` of `parts` of its slice.
    struct SampleScans: Sendable {
        var store: ColumnarStore
        var columns: ResponseColumns
        var aligned: SLAColumns
        var priority: Column<Int16>
        /// Per kind rank, the target per one-byte priority code (all 256), or empty.
        var tables: [[Target]]
        var frt: Range<Int>
        var replies: Range<Int>
        /// The reply target (-1: none) when one holds for every priority.
        var uniformReply: Int64?
        var closed: Range<Int>

        var samples: Int { frt.count + replies.count + closed.count }

        static func part(_ r: Range<Int>, _ k: Int, of parts: Int) -> Range<Int> {
            (r.lowerBound + r.count * k / parts)..<(r.lowerBound + r.count * (k + 1) / parts)
        }

        func run(part k: Int, of parts: Int) -> [Tally] {
            var result = [Tally](repeating: Tally(), count: 3)
            if !frt.isEmpty {
                result[0] = aligned.frtPriority.withUnsafeBufferPointer { codes in
                    columns.frtDuration.withUnsafeBufferPointer { duration in
                        tables[0].withUnsafeBufferPointer { table in
                            Self.judge(Self.part(frt, k, of: parts), codes, duration, table)
                        }
                    }
                }
            }
            if !replies.isEmpty {
                let slots = Self.part(replies, k, of: parts)
                result[1] = columns.sampleDuration.withUnsafeBufferPointer { duration in
                    if let t = uniformReply {
                        return t > 0 ? Tally(judged: slots.count, met: Self.atMost(slots, duration, t)) : Tally()
                    }
                    return columns.sampleTicket.withUnsafeBufferPointer { rows in
                        priority.withUnsafeBufferPointer { priority in
                            tables[1].withUnsafeBufferPointer { table in
                                Self.judge(slots, rows, duration, priority, table)
                            }
                        }
                    }
                }
            }
            if !closed.isEmpty {
                result[2] = aligned.closedPriority.withUnsafeBufferPointer { codes in
                    aligned.closedDuration.withUnsafeBufferPointer { duration in
                        tables[2].withUnsafeBufferPointer { table in
                            Self.judge(Self.part(closed, k, of: parts), codes, duration, table)
                        }
                    }
                }
            }
            return result
        }

        /// Samples `i` in `slots` judged against the target of their priority code, met
        /// when `duration[i]` is at most it.
        static func judge(
            _ slots: Range<Int>, _ codes: UnsafeBufferPointer<UInt8>, _ duration: UnsafeBufferPointer<Int32>,
            _ table: UnsafeBufferPointer<Target>
        ) -> Tally {
            var (judged, missed) = (0, 0)
            let codes = UnsafeBufferPointer(rebasing: codes[slots])
            let duration = UnsafeBufferPointer(rebasing: duration[slots])
            for i in 0..<codes.count {
                let t = table[Int(codes[i])]
                judged &+= t.judged
                missed &+= t.missed(Int64(duration[i]))
            }
            return Tally(judged: judged, met: judged - missed)
        }

        /// Samples `i` in `slots` judged against the target of their ticket's priority.
        static func judge(
            _ slots: Range<Int>, _ rows: UnsafeBufferPointer<Int32>, _ duration: UnsafeBufferPointer<Int32>,
            _ priority: UnsafeBufferPointer<Int16>, _ table: UnsafeBufferPointer<Target>
        ) -> Tally {
            var (judged, missed) = (0, 0)
            let rows = UnsafeBufferPointer(rebasing: rows[slots])
            let duration = UnsafeBufferPointer(rebasing: duration[slots])
            for i in 0..<rows.count {
                let t = table[Int(SLAColumns.code(priority[Int(rows[i])]))]
                judged &+= t.judged
                missed &+= t.missed(Int64(duration[i]))
            }
            return Tally(judged: judged, met: judged - missed)
        }

        /// The durations in `slots` at most `t`.
        static func atMost(_ slots: Range<Int>, _ duration: UnsafeBufferPointer<Int32>, _ t: Int64) -> Int {
            var over = 0
            for d in UnsafeBufferPointer(rebasing: duration[slots]) { over &+= Int((t &- Int64(d)) >> 63) }
            return slots.count + over
        }
    }

    /// One priority's target as the scans read it: `missed(d)` is 1 when a 32-bit duration
    /// `d` is judged and over the target, else 0, without a branch.
    struct Target: Sendable {
        /// The target, or below every 32-bit duration when none (then never met).
        var seconds: Int64
        /// 1 with a target, 0 without.
        var judged: Int

        /// - Parameter t: the target, -1 for none (at most `Int32.max`).
        init(_ t: Int64) {
            seconds = t > 0 ? t : Int64(Int32.min) - 1
            judged = t > 0 ? 1 : 0
        }

        @inline(__always) func missed(_ d: Int64) -> Int {
            Int(truncatingIfNeeded: UInt64(bitPattern: seconds &- d) >> 63) & judged
        }
    }
}
