import FSColumnar
import FSGenerator
import FSReports
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// response-times against an independent SQL computation over the generated snapshot of
/// ``SQLOracleTests``: the clock walk written with window functions, percentiles by
/// `ORDER BY … LIMIT 2 OFFSET ⌊h⌋` and the R-7 interpolation in integer SQL.
@Suite struct ResponseTimesSQLOracleTests {
    typealias Oracle = SQLOracleTests

    /// Every reply-clock sample: `ticket_id, at, person_id, frt (1 for the first), duration`.
    static let samplesSQL = """
        WITH r AS (
            SELECT c.ticket_id, c.created_at AS at, c.id, coalesce(p.person_type = 'agent', 0) AS agent, c.person_id,
                t.created_at AS created
            FROM conversations c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN persons p ON p.id = c.person_id
            WHERE c.conversation_type = 'response' AND c.created_at >= t.created_at),
        o AS (
            SELECT ticket_id, at, id, agent, person_id, created, row_number() OVER w AS k, lag(agent) OVER w AS prev_agent
            FROM r WINDOW w AS (PARTITION BY ticket_id ORDER BY at, id)),
        q AS (
            SELECT *, max(CASE WHEN agent THEN k END) OVER (
                PARTITION BY ticket_id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_k
            FROM o)
        SELECT q.ticket_id, q.at, q.person_id, q.prev_k IS NULL AS frt,
            q.at - CASE WHEN q.prev_k IS NULL THEN q.created ELSE st.at END AS duration
        FROM q LEFT JOIN o st ON st.ticket_id = q.ticket_id AND st.k = q.prev_k + 1
        WHERE q.agent AND coalesce(q.prev_agent, 0) = 0
        """

    /// The statistics block of the samples selected by `condition`, all in SQL.
    static func stats(_ condition: String, _ values: [String: SQLValue]) throws -> DurationStats {
        try stats(query: "SELECT duration FROM (\(samplesSQL)) WHERE \(condition)", values)
    }

    /// The statistics block of a query's one column `duration`, all in SQL.
    static func stats(query base: String, _ values: [String: SQLValue]) throws -> DurationStats {
        let head = try Oracle.rows(
            """
            SELECT count(*), (2 * sum(duration) + count(*)) / (2 * count(*)), max(duration),
                sum(duration < 3600), sum(duration >= 3600 AND duration < 14400), sum(duration >= 14400 AND duration < 28800),
                sum(duration >= 28800 AND duration < 86400), sum(duration >= 86400 AND duration < 259200),
                sum(duration >= 259200 AND duration < 604800), sum(duration >= 604800)
            FROM (\(base))
            """, values)[0]
        let n = Oracle.int(head[0])
        guard n > 0 else {
            return DurationStats(n: 0, mean: nil, median: nil, p90: nil, max: nil, buckets: [0, 0, 0, 0, 0, 0, 0])
        }
        func quantile(_ tenths: Int64) throws -> Int64 {
            let scaled = (n - 1) * tenths
            let r = scaled % 10
            var v = values
            v[":offset"] = .integer(scaled / 10)
            v[":r"] = .integer(r)
            // x[lo] + r/10 · (x[lo+1] − x[lo]), halves up: ⌊(20·a + 2·r·(b − a) + 10) / 20⌋.
            let row = try Oracle.rows(
                """
                SELECT (20 * min(d) + 2 * :r * (max(d) - min(d)) + 10) / 20
                FROM (SELECT duration AS d FROM (\(base)) ORDER BY duration LIMIT (CASE WHEN :r = 0 THEN 1 ELSE 2 END) OFFSET :offset)
                """, v)
            return Oracle.int(row[0][0])
        }
        return DurationStats(
            n: Int(n), mean: Oracle.int(head[1]), median: try quantile(5), p90: try quantile(9), max: Oracle.int(head[2]),
            buckets: (3..<10).map { Int(Oracle.int(head[$0])) })
    }

    static let columns = ResponseColumns(Oracle.fixture.store)
    static let read: (extras: ResponseTimes.TicketExtras, storedFirstResponse: [Int32]) = {
        let snapshot = try! Snapshot(path: Oracle.fixture.path, mode: .readOnly)
        return try! ResponseTimes.TicketExtras.read(snapshot, store: Oracle.fixture.store)
    }()
    static let extras = read.extras

    static func report(_ from: Int64, _ to: Int64, by: ResponseTimes.Dimension? = nil) throws -> ResponseTimes.Result {
        try ResponseTimes.run(
            store: Oracle.fixture.store, columns: columns, extras: extras,
            storedFirstResponse: read.storedFirstResponse, request: .init(from: from, to: to, by: by, now: Oracle.now))
    }

    static let ranges: [(Int64, Int64)] = [
        (Oracle.today - 30, Oracle.today), (Oracle.today - 3, Oracle.today - 3), (Oracle.today - 399, Oracle.today),
    ]

    @Test(arguments: 0..<3)
    func summaryEqualsSQL(_ index: Int) throws {
        let (from, to) = Self.ranges[index]
        let values: [String: SQLValue] = [":start": .integer(from * 86_400), ":end": .integer((to + 1) * 86_400)]
        let s = try Self.report(from, to).summary
        #expect(s.firstResponse.n > 0)
        #expect(s.firstResponse == (try Self.stats("frt AND at >= :start AND at < :end", values)))
        #expect(s.replyTime == (try Self.stats("NOT frt AND at >= :start AND at < :end", values)))
        let agentReplies = """
            EXISTS (SELECT 1 FROM conversations c JOIN persons p ON p.id = c.person_id
                    WHERE c.ticket_id = t.id AND c.conversation_type = 'response' AND p.person_type = 'agent')
            """
        let unanswered = try Oracle.rows(
            "SELECT count(*) FROM tickets t WHERE created_at >= :start AND created_at < :end AND NOT \(agentReplies)",
            values)
        #expect(s.unanswered == Int(Oracle.int(unanswered[0][0])))
        let now = try Oracle.rows("SELECT count(*) FROM tickets t WHERE status <> 'closed' AND NOT \(agentReplies)")
        #expect(s.unansweredNow == Int(Oracle.int(now[0][0])))
        let differs = try Oracle.rows(
            """
            SELECT count(*) FROM (\(Self.samplesSQL)) s JOIN tickets t ON t.id = s.ticket_id
            WHERE s.frt AND s.at >= :start AND s.at < :end AND t.first_response_time IS NOT NULL
                AND abs(t.first_response_time - s.duration) > 60
            """, values)
        #expect(s.storedDiffers == Int(Oracle.int(differs[0][0])))
    }

    /// The median-FRT series, bucket by bucket: days (from the kept daily middles) over 31
    /// days, months (selected from each month's slice) over 400 days; a bucket without any
    /// first response has none.
    @Test(arguments: [0, 2])
    func seriesEqualsSQL(_ index: Int) throws {
        let (from, to) = Self.ranges[index]
        let result = try Self.report(from, to)
        let spans = try #require(Buckets(from: from, to: to, interval: .auto).contiguousSeconds)
        #expect(result.series.count == spans.count)
        var answered = 0
        for (bucket, span) in zip(result.series, spans) {
            let values: [String: SQLValue] = [":start": .integer(span.lowerBound), ":end": .integer(span.upperBound)]
            let expected = try Self.stats("frt AND at >= :start AND at < :end", values)
            #expect(bucket.median == expected.median, "\(bucket.label)")
            answered += expected.n > 0 ? 1 : 0
        }
        #expect(answered > spans.count / 2)
    }

    @Test func perAgentEqualsSQL() throws {
        let (from, to) = Self.ranges[0]
        let groups = try #require(try Self.report(from, to, by: .agent).groups)
        #expect(groups.count > 2)
        for g in groups {
            let values: [String: SQLValue] = [
                ":start": .integer(from * 86_400), ":end": .integer((to + 1) * 86_400), ":agent": .integer(g.id!),
            ]
            #expect(g.firstResponse == (try Self.stats("frt AND at >= :start AND at < :end AND person_id = :agent", values)))
            #expect(g.replyTime == (try Self.stats("NOT frt AND at >= :start AND at < :end AND person_id = :agent", values)))
        }
    }
}
