import FSReports

/// The response-times report as JSON (SEMANTICS.md's body), and as one table row per
/// group (or the summary, or per series bucket) for csv and table.
public enum ResponseTimesOutput {
    public static func json(_ r: ResponseTimes.Result) -> JSONValue {
        var body: [(String, JSONValue)] = [("summary", summary(r.summary))]
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
                                ]
                                    + blocks(
                                        [
                                            ("first_response", g.firstResponse, g.firstResponseBusiness),
                                            ("reply_time", g.replyTime, g.replyTimeBusiness),
                                        ]))
                        })
                ))
        }
        body.append(("series", .object(r.series.map { ($0.label, $0.median.map(JSONValue.int) ?? .null) })))
        if let previous = r.previous {
            body.append(("previous", summary(previous)))
            body.append(("change", change(r.summary, previous)))
        }
        return .object(body)
    }

    /// Each block under its name, followed by `<name>_business` when a schedule gave one.
    public static func blocks(_ list: [(String, DurationStats, DurationStats?)]) -> [(String, JSONValue)] {
        list.flatMap { name, calendar, business -> [(String, JSONValue)] in
            [(name, stats(calendar))] + (business.map { [("\(name)_business", stats($0))] } ?? [])
        }
    }

    /// The table cells of a block (`n, mean, median, p90, max`), and its header with a prefix.
    public static func cells(_ s: DurationStats) -> [String] {
        [
            String(s.n), s.mean.map(String.init) ?? "", s.median.map(String.init) ?? "", s.p90.map(String.init) ?? "",
            s.max.map(String.init) ?? "",
        ]
    }

    public static func header(_ prefix: String) -> [String] {
        ["n", "mean", "median", "p90", "max"].map { "\(prefix)_\($0)" }
    }

    static func summary(_ s: ResponseTimes.Summary) -> JSONValue {
        .object(
            blocks([
                ("first_response", s.firstResponse, s.firstResponseBusiness),
                ("reply_time", s.replyTime, s.replyTimeBusiness),
            ]) + [
                ("unanswered", .int(Int64(s.unanswered))), ("unanswered_now", .int(Int64(s.unansweredNow))),
                ("stored_differs", .int(Int64(s.storedDiffers))),
            ])
    }

    /// `STATS`: n, mean, median, p90, max (null when n = 0) and the buckets.
    public static func stats(_ s: DurationStats) -> JSONValue {
        func opt(_ v: Int64?) -> JSONValue { v.map(JSONValue.int) ?? .null }
        return .object([
            ("n", .int(Int64(s.n))), ("mean", opt(s.mean)), ("median", opt(s.median)), ("p90", opt(s.p90)),
            ("max", opt(s.max)),
            ("buckets", .object(zip(DurationStats.bucketLabels, s.buckets).map { ($0, .int(Int64($1))) })),
        ])
    }

    /// Current minus previous of the headline figures (null when either side has no sample).
    static func change(_ now: ResponseTimes.Summary, _ before: ResponseTimes.Summary) -> JSONValue {
        func diff(_ a: Int64?, _ b: Int64?) -> JSONValue {
            guard let a, let b else { return .null }
            return .int(a - b)
        }
        return .object([
            ("first_response_median", diff(now.firstResponse.median, before.firstResponse.median)),
            ("first_response_p90", diff(now.firstResponse.p90, before.firstResponse.p90)),
            ("reply_time_median", diff(now.replyTime.median, before.replyTime.median)),
            ("reply_time_p90", diff(now.replyTime.p90, before.replyTime.p90)),
            ("unanswered", .int(Int64(now.unanswered - before.unanswered))),
        ])
    }

    /// One row per group (with `--by`), else one summary row.
    /// With a schedule, `frt_business_*` and `reply_business_*` columns follow.
    public static func table(_ r: ResponseTimes.Result) -> ReportTable {
        let business = r.summary.firstResponseBusiness != nil
        func cells(_ a: DurationStats, _ b: DurationStats, _ ab: DurationStats?, _ bb: DurationStats?) -> [String] {
            Self.cells(a) + Self.cells(b)
                + (business ? Self.cells(ab ?? DurationStats([])) + Self.cells(bb ?? DurationStats([])) : [])
        }
        let header =
            ["by", "id", "name"] + Self.header("frt") + Self.header("reply")
            + (business ? Self.header("frt_business") + Self.header("reply_business") : [])
        var rows: [[String]] = []
        if let groups = r.groups {
            for g in groups {
                rows.append(
                    [g.by.rawValue, g.id.map(String.init) ?? "", g.name]
                        + cells(g.firstResponse, g.replyTime, g.firstResponseBusiness, g.replyTimeBusiness))
            }
        } else {
            let s = r.summary
            rows.append(
                ["all", "", "all tickets"]
                    + cells(s.firstResponse, s.replyTime, s.firstResponseBusiness, s.replyTimeBusiness))
        }
        return ReportTable(header: header, rows: rows, numeric: Set(3..<header.count))
    }
}
