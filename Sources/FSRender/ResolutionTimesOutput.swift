import FSReports

/// The resolution-times report as JSON (SEMANTICS.md's body) and as one table row per group.
public enum ResolutionTimesOutput {
    public static func json(_ r: ResolutionTimes.Result) -> JSONValue {
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
                                    ("name", .string(g.name)), ("closed", .int(Int64(g.closed))),
                                ]
                                    + ResponseTimesOutput.blocks([
                                        ("full", g.full, g.fullBusiness), ("first", g.first, g.firstBusiness),
                                    ]))
                        })
                ))
        }
        if let previous = r.previous {
            body.append(("previous", summary(previous)))
            func diff(_ a: Int64?, _ b: Int64?) -> JSONValue { a.flatMap { a in b.map { .int(a - $0) } } ?? .null }
            body.append(
                (
                    "change",
                    .object([
                        ("closed", .int(Int64(r.summary.closed - previous.closed))),
                        ("full_median", diff(r.summary.full.median, previous.full.median)),
                        ("first_median", diff(r.summary.first.median, previous.first.median)),
                        ("reopened", .int(Int64(r.summary.reopened - previous.reopened))),
                    ])
                ))
        }
        return .object(body)
    }

    static func counts(_ c: ResolutionTimes.ReplyCounts) -> JSONValue {
        func fixed(_ v: Int64?) -> JSONValue { v.map { .fixed($0, places: 2) } ?? .null }
        return .object([
            ("mean", fixed(c.meanHundredths)), ("median", fixed(c.medianHundredths)), ("0", .int(Int64(c.counts[0]))),
            ("1", .int(Int64(c.counts[1]))), ("2", .int(Int64(c.counts[2]))), ("3+", .int(Int64(c.counts[3]))),
        ])
    }

    static func summary(_ s: ResolutionTimes.Summary) -> JSONValue {
        .object(
            [("closed", .int(Int64(s.closed)))]
                + ResponseTimesOutput.blocks([("full", s.full, s.fullBusiness), ("first", s.first, s.firstBusiness)]) + [
                    ("agent_replies", counts(s.agentReplies)),
                    ("customer_messages", counts(s.customerMessages)), ("one_touch", .int(Int64(s.oneTouch))),
                    ("zero_touch", .int(Int64(s.zeroTouch))), ("reopened", .int(Int64(s.reopened))),
                    ("reopen_events", .int(Int64(s.reopenEvents))),
                    ("close_to_reopen_median", s.closeToReopenMedian.map(JSONValue.int) ?? .null),
                    ("history", .string(s.history.name)),
                ])
    }

    /// One row per group (with `--by`), else one summary row.
    /// With a schedule, `full_business_*` and `first_business_*` columns follow.
    public static func table(_ r: ResolutionTimes.Result) -> ReportTable {
        let business = r.summary.fullBusiness != nil
        func cells(_ a: DurationStats, _ b: DurationStats, _ ab: DurationStats?, _ bb: DurationStats?) -> [String] {
            let c = ResponseTimesOutput.cells
            return c(a) + c(b) + (business ? c(ab ?? DurationStats([])) + c(bb ?? DurationStats([])) : [])
        }
        let h = ResponseTimesOutput.header
        let header =
            ["by", "id", "name", "closed"] + h("full") + h("first") + (business ? h("full_business") + h("first_business") : [])
        var rows: [[String]] = []
        if let groups = r.groups {
            for g in groups {
                rows.append(
                    [g.by.rawValue, g.id.map(String.init) ?? "", g.name, String(g.closed)]
                        + cells(g.full, g.first, g.fullBusiness, g.firstBusiness))
            }
        } else {
            let s = r.summary
            rows.append(
                ["all", "", "all tickets", String(s.closed)] + cells(s.full, s.first, s.fullBusiness, s.firstBusiness))
        }
        return ReportTable(header: header, rows: rows, numeric: Set(3..<header.count))
    }
}
