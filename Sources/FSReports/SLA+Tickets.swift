import FSColumnar
import FSSnapshot

extension SLA {
    /// A ticket's standing against one target, for the per-ticket export.
    public enum Standing: UInt8, Sendable {
        case none = 0, met, breached

        /// `met`, `breached`, or empty (no target, or nothing to judge yet).
        public var text: String {
            switch self {
            case .none: return ""
            case .met: return "met"
            case .breached: return "breached"
            }
        }
    }

    /// Each ticket's standing per configured kind (SEMANTICS.md, "Per-ticket export"):
    /// - first_response: its FRT against the target; unanswered and open past the target
    ///   now: breached; else none.
    /// - next_response: breached when any reply sample (over its whole life) or the clock
    ///   running now is past the target; met when it has samples and all met; else none.
    /// - resolution: closed: its full resolution against the target; open past the target
    ///   now: breached; else none.
    /// A ticket whose priority has no target and no default gets none.
    /// - Precondition: `business` is given when the targets' clock is business.
    public static func standings(
        store: ColumnarStore, columns: ResponseColumns, extras: ResponseTimes.TicketExtras, targets: SLATargets,
        business: BusinessTime?, now: Int64
    ) -> [SLATargets.Kind: [Standing]] {
        precondition(targets.clock == .calendar || business != nil, "business clock without business hours")
        let clockBusiness = targets.clock == .business ? business : nil
        func elapsed(_ row: Int, _ a: Int64, _ b: Int64) -> Int64 {
            if let clockBusiness { return clockBusiness.seconds(store, row: row, from: a, to: b) }
            return b - a
        }
        let n = store.ticketCount
        var result: [SLATargets.Kind: [Standing]] = [:]
        for kind in targets.kinds {
            let table = targets.table(kind, names: extras.priorityNames)
            func target(_ row: Int) -> Int64? { table[Int(extras.priority[row]) + 1] }
            var s = [Standing](repeating: .none, count: n)
            switch kind {
            case .firstResponse:
                for row in 0..<n {
                    guard let t = target(row) else { continue }
                    let created = store.ticketCreatedAt[row]
                    let first = columns.firstReplyAt[row]
                    if first != ColumnarStore.null {
                        s[row] = elapsed(row, created, first) <= t ? .met : .breached
                    } else if store.ticketStatus[row] != TicketStatusCode.closed, columns.agentReplies[row] == 0,
                        elapsed(row, created, now) > t
                    {
                        s[row] = .breached
                    }
                }
            case .nextResponse:
                for i in 0..<columns.sampleTicket.count {
                    let row = Int(columns.sampleTicket[i])
                    guard let t = target(row), s[row] != .breached else { continue }
                    let d =
                        clockBusiness == nil
                        ? Int64(columns.sampleDuration[i])
                        : elapsed(row, ResponseTimes.replyStart(columns, i), columns.sampleEndAt(i))
                    s[row] = d <= t ? .met : .breached
                }
                for (row, since) in pendingReplyStart(store, columns) {
                    guard let t = target(Int(row)) else { continue }
                    if elapsed(Int(row), since, now) > t { s[Int(row)] = .breached }
                }
            case .resolution:
                for row in 0..<n {
                    guard let t = target(row) else { continue }
                    let created = store.ticketCreatedAt[row]
                    if store.ticketStatus[row] == TicketStatusCode.closed {
                        let resolved = store.ticketResolvedAt[row]
                        if resolved != ColumnarStore.null { s[row] = elapsed(row, created, resolved) <= t ? .met : .breached }
                    } else if elapsed(row, created, now) > t {
                        s[row] = .breached
                    }
                }
            }
            result[kind] = s
        }
        return result
    }
}
