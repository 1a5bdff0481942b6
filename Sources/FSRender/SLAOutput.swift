import FSColumnar
import FSReports
import FSSnapshot

/// The SLA report as JSON (SEMANTICS.md's body, plus the clock), as an attainment table
/// (one row per target kind, or per group and kind), and as the CSV of open tickets past
/// a target, oldest first: ids and figures only, no customer data.
public enum SLAOutput {
    static func counts(_ c: SLA.Counts) -> JSONValue {
        .object([
            ("met", .int(Int64(c.met))), ("breached", .int(Int64(c.breached))),
            ("attainment", c.attainmentTenThousandths.map { .fixed($0, places: 4) } ?? .null),
            ("breached_open", .int(Int64(c.breachedOpen))),
        ])
    }

    static func kinds(_ r: SLA.Result, _ counts: [SLATargets.Kind: SLA.Counts]) -> JSONValue {
        .object(r.kinds.map { ($0.rawValue, Self.counts(counts[$0] ?? SLA.Counts())) })
    }

    public static func json(_ r: SLA.Result) -> JSONValue {
        var body: [(String, JSONValue)] = [("clock", .string(r.clock.rawValue)), ("summary", kinds(r, r.summary))]
        if let groups = r.groups {
            body.append(
                (
                    "groups",
                    .array(
                        groups.map { g in
                            .object(
                                [
                                    ("by", .string(g.by.rawValue)), ("id", g.id.map(JSONValue.int) ?? .null),
                                    ("name", .string(g.name)),
                                ] + r.kinds.map { ($0.rawValue, counts(g.counts[$0] ?? SLA.Counts())) })
                        })
                ))
        }
        return .object(body)
    }

    /// `--format table`: attainment per kind (per group and kind with `--by`), in percent.
    public static func table(_ r: SLA.Result) -> ReportTable {
        let header = ["by", "id", "name", "target", "met", "breached", "attainment_%", "breached_open"]
        func row(_ by: String, _ id: String, _ name: String, _ kind: SLATargets.Kind, _ c: SLA.Counts) -> [String] {
            let percent = c.attainmentTenThousandths.map { JSONValue.fixedText($0, places: 2) } ?? ""
            return [by, id, name, kind.rawValue, String(c.met), String(c.breached), percent, String(c.breachedOpen)]
        }
        var rows: [[String]] = []
        if let groups = r.groups {
            for g in groups {
                for kind in r.kinds {
                    rows.append(row(g.by.rawValue, g.id.map(String.init) ?? "", g.name, kind, g.counts[kind] ?? SLA.Counts()))
                }
            }
        } else {
            for kind in r.kinds { rows.append(row("all", "", "all tickets", kind, r.summary[kind] ?? SLA.Counts())) }
        }
        return ReportTable(header: header, rows: rows, numeric: Set(4..<header.count))
    }

    /// `--format csv` columns: one row per open ticket and target it is past now, oldest clock start first.
    public static let breachColumns = [
        "ticket_id", "target", "since", "elapsed_seconds", "target_seconds", "priority", "mailbox_id", "product_id",
        "agent_id",
    ]

    /// `--format csv`: the open tickets past a target now (see ``breachColumns``).
    public static func breachTable(
        _ r: SLA.Result, store: ColumnarStore, extras: ResponseTimes.TicketExtras
    ) -> ReportTable {
        func id(_ code: Int32, _ ids: [Int64]) -> String { code < 0 ? "" : String(ids[Int(code)]) }
        let rows = r.openBreaches.map { b -> [String] in
            let p = extras.priority[b.row]
            return [
                String(b.ticketId), b.kind.rawValue, LocalTime.format(b.since), String(b.elapsed), String(b.target),
                p < 0 ? "" : extras.priorityNames[Int(p)], id(store.ticketMailbox[b.row], store.mailboxIDs),
                id(store.ticketProduct[b.row], store.productIDs), id(store.ticketAgent[b.row], store.personIDs),
            ]
        }
        return ReportTable(header: breachColumns, rows: rows, numeric: [0, 3, 4, 6, 7, 8])
    }
}
