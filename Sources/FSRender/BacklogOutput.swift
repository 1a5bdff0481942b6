import FSReports
import FSSnapshot

/// The backlog report as JSON (SEMANTICS.md's body) and as one table for csv and table:
/// a `section` column tells the per-day rows (`day`, keyed by date) from the aging rows
/// (`aging`, keyed by bucket, with the open and the waiting count).
public enum BacklogOutput {
    public static func json(_ r: Backlog.Result) -> JSONValue {
        func buckets(_ counts: [Int]) -> JSONValue {
            .object(zip(Backlog.ageBuckets, counts).map { ($0, .int(Int64($1))) })
        }
        return .object([
            (
                "stats",
                .object(
                    r.days.map { d in
                        (
                            LocalTime.formatDate(day: d.day),
                            .object([
                                ("open", .int(Int64(d.open))), ("created", .int(Int64(d.created))),
                                ("closed", .int(Int64(d.closed))), ("reopened", .int(Int64(d.reopened))),
                            ])
                        )
                    })
            ),
            ("aging", .object([("open", buckets(r.agingOpen)), ("waiting", buckets(r.agingWaiting))])),
        ])
    }

    public static let header = ["section", "key", "open", "created", "closed", "reopened", "waiting"]

    /// One `day` row per date (open, created, closed, reopened), then one `aging` row per
    /// bucket (open and waiting tickets now).
    public static func table(_ r: Backlog.Result) -> ReportTable {
        var rows = r.days.map { d in
            [
                "day", LocalTime.formatDate(day: d.day), String(d.open), String(d.created), String(d.closed),
                String(d.reopened), "",
            ]
        }
        for (i, label) in Backlog.ageBuckets.enumerated() {
            rows.append(["aging", label, String(r.agingOpen[i]), "", "", "", String(r.agingWaiting[i])])
        }
        return ReportTable(header: header, rows: rows, numeric: Set(2..<header.count))
    }
}
