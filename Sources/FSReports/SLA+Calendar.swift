import FSColumnar
import FSSnapshot

extension SLA {
    /// The counts (and open breaches) of ``run(store:columns:extras:targets:business:request:listBreaches:)``
    /// on the calendar clock without filters or groups, as straight scans of contiguous
    /// slices: FRT durations beside ``ResponseColumns/frtRows``, reply durations (the
    /// priority gather skipped when one target holds for every priority), the closed
    /// slice of the range, then the open tickets and running clocks. No per-sample branch:
    /// met and breached are sums of comparisons.
    /// - Parameter tables: per kind rank, the target per priority code + 1 (-1: none), or empty.
    /// - Returns: nil when a target exceeds 32 bits (the clamped FRT durations could not be compared).
    static func calendarCounts(
        store: ColumnarStore, columns: ResponseColumns, extras: ResponseTimes.TicketExtras, tables: [[Int64]],
        seconds: Range<Int64>, now: Int64, listBreaches: Bool
    ) -> (summary: [Counts], breaches: [OpenBreach])? {
        guard tables.allSatisfy({ $0.allSatisfy { $0 < Int64(Int32.max) } }) else { return nil }
        var summary = [Counts](repeating: Counts(), count: 3)
        var breaches: [OpenBreach] = []
        let (fr, nr, res) = (0, 1, 2)
        extras.priority.withUnsafeBufferPointer { priority in
            store.ticketCreatedAt.withUnsafeBufferPointer { created in
                // First responses of the range.
                if !tables[fr].isEmpty {
                    let slots = columns.frtRange(seconds)
                    tables[fr].withUnsafeBufferPointer { table in
                        columns.frtRows.withUnsafeBufferPointer { rows in
                            columns.frtDuration.withUnsafeBufferPointer { duration in
                                var (met, judged) = (0, 0)
                                for i in slots {
                                    let t = table[Int(priority[Int(rows[i])]) &+ 1]
                                    judged &+= t > 0 ? 1 : 0
                                    met &+= t > 0 && Int64(duration[i]) <= t ? 1 : 0
                                }
                                summary[fr].met = met
                                summary[fr].breached = judged - met
                            }
                        }
                    }
                }
                // Reply samples of the range.
                if !tables[nr].isEmpty {
                    let slots = columns.sampleRange(seconds)
                    let table = tables[nr]
                    var (met, judged) = (0, 0)
                    columns.sampleDuration.withUnsafeBufferPointer { duration in
                        if let t = table.first, table.allSatisfy({ $0 == t }) {
                            if t > 0 {
                                for i in slots { met &+= Int64(duration[i]) <= t ? 1 : 0 }
                                judged = slots.count
                            }
                        } else {
                            table.withUnsafeBufferPointer { table in
                                columns.sampleTicket.withUnsafeBufferPointer { rows in
                                    for i in slots {
                                        let t = table[Int(priority[Int(rows[i])]) &+ 1]
                                        judged &+= t > 0 ? 1 : 0
                                        met &+= t > 0 && Int64(duration[i]) <= t ? 1 : 0
                                    }
                                }
                            }
                        }
                    }
                    summary[nr].met = met
                    summary[nr].breached = judged - met
                }
                // Full resolutions of the range.
                if !tables[res].isEmpty {
                    tables[res].withUnsafeBufferPointer { table in
                        store.closedRows.withUnsafeBufferPointer { rows in
                            store.closedResolvedAt.withUnsafeBufferPointer { resolved in
                                let lo = lowerBound(resolved, seconds.lowerBound, in: 0..<resolved.count)
                                let hi = lowerBound(resolved, seconds.upperBound, in: lo..<resolved.count)
                                var (met, judged) = (0, 0)
                                for i in lo..<hi {
                                    let row = Int(rows[i])
                                    let t = table[Int(priority[row]) &+ 1]
                                    judged &+= t > 0 ? 1 : 0
                                    met &+= t > 0 && resolved[i] - created[row] <= t ? 1 : 0
                                }
                                summary[res].met = met
                                summary[res].breached = judged - met
                            }
                        }
                    }
                }
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
}
