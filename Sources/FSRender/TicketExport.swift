import FSColumnar
import FSReports
import FSSnapshot

/// `fsreport export tickets`: one row per ticket (SEMANTICS.md, "Per-ticket export") with
/// ids, categories, timestamps and the reply/resolution figures; no customer name, email
/// or text. Rows are produced one at a time, in creation order, so the output streams.
public struct TicketExport {
    public static let columns = [
        "ticket_id", "mailbox_id", "product_id", "agent_id", "priority", "status", "created_at", "first_reply_at",
        "first_close_at", "last_close_at", "first_response_seconds", "resolution_seconds", "first_resolution_seconds",
        "agent_replies", "customer_messages", "reopens",
    ]

    public let store: ColumnarStore
    public let replies: ResponseColumns
    public let history: CloseHistory
    public let extras: ResponseTimes.TicketExtras
    /// With SLA targets: each ticket's standing per configured kind, as `sla_<kind>`
    /// columns (`met`, `breached` or empty; see ``SLA/standings(store:columns:extras:targets:business:now:)``).
    public let sla: [(kind: SLATargets.Kind, standings: [SLA.Standing])]

    public init(
        store: ColumnarStore, replies: ResponseColumns, history: CloseHistory, extras: ResponseTimes.TicketExtras,
        sla: [SLATargets.Kind: [SLA.Standing]] = [:]
    ) {
        self.store = store
        self.replies = replies
        self.history = history
        self.extras = extras
        self.sla = sla.keys.sorted().map { ($0, sla[$0]!) }
    }

    /// The columns of this export: ``columns``, then `sla_<kind>` per configured target kind.
    public var header: [String] { Self.columns + sla.map { "sla_\($0.kind.rawValue)" } }

    /// The CSV header line of this export (CRLF-terminated).
    public var csvHeaderLine: String { header.joined(separator: ",") + "\r\n" }

    /// Ticket rows created in the day range (all when nil).
    public func rows(from: Int64?, to: Int64?) -> Range<Int> {
        let start = from.map { $0 * LocalTime.secondsPerDay } ?? .min
        let end = to.map { ($0 + 1) * LocalTime.secondsPerDay } ?? .max
        return store.ticketCreatedAt.withUnsafeBufferPointer { created in
            let lo = lowerBound(created, start, in: 0..<created.count)
            return lo..<lowerBound(created, end, in: lo..<created.count)
        }
    }

    /// The typed cells of one row; nil is an empty CSV cell / JSON null.
    public enum Cell: Equatable {
        case int(Int64)
        case text(String)
        case time(Int64)
        case null
    }

    public func cells(row r: Int) -> [Cell] {
        func opt(_ v: Int64) -> Cell { v == ColumnarStore.null ? .null : .int(v) }
        func time(_ v: Int64) -> Cell { v == ColumnarStore.null ? .null : .time(v) }
        func id(_ code: Int32, _ ids: [Int64]) -> Cell { code < 0 ? .null : .int(ids[Int(code)]) }
        let created = store.ticketCreatedAt[r]
        let status = store.ticketStatus[r]
        let closed = status == TicketStatusCode.closed
        let resolved = store.ticketResolvedAt[r]
        let lastClose = closed ? resolved : ColumnarStore.null
        let firstReply = replies.firstReplyAt[r]
        let firstClose = history.firstClose[r]
        let priority = extras.priority[r]
        return [
            .int(store.ticketIDs[r]), id(store.ticketMailbox[r], store.mailboxIDs), id(store.ticketProduct[r], store.productIDs),
            id(store.ticketAgent[r], store.personIDs), priority < 0 ? .null : .text(extras.priorityNames[Int(priority)]),
            .text(Int(status) < TicketStatusCode.names.count ? TicketStatusCode.names[Int(status)] : "other"), .time(created),
            time(firstReply), time(firstClose), time(lastClose),
            firstReply == ColumnarStore.null ? .null : .int(firstReply - created),
            lastClose == ColumnarStore.null ? .null : .int(lastClose - created),
            firstClose == ColumnarStore.null ? .null : .int(firstClose - created), .int(Int64(replies.agentReplies[r])),
            .int(Int64(replies.customerMessages[r])), .int(Int64(history.reopens[r])),
        ] + sla.map { $0.standings[r] == .none ? Cell.null : .text($0.standings[r].text) }
    }

    /// The CSV header line (CRLF-terminated).
    public static var csvHeader: String { columns.joined(separator: ",") + "\r\n" }

    /// One CSV line; text cells formula-neutralised and quoted by ``CSV/field(_:)``.
    public func csvLine(row r: Int) -> String {
        cells(row: r).map { cell -> String in
            switch cell {
            case .int(let v): return String(v)
            case .text(let s): return CSV.field(s)
            case .time(let t): return LocalTime.format(t)
            case .null: return ""
            }
        }.joined(separator: ",") + "\r\n"
    }

    /// One NDJSON line.
    public func ndjsonLine(row r: Int) -> String {
        let pairs = zip(header, cells(row: r)).map { name, cell -> (String, JSONValue) in
            switch cell {
            case .int(let v): return (name, .int(v))
            case .text(let s): return (name, .string(s))
            case .time(let t): return (name, .string(LocalTime.format(t)))
            case .null: return (name, .null)
            }
        }
        return JSONValue.object(pairs).serialized(pretty: false) + "\n"
    }
}
