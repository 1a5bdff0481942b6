import FSColumnar
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@testable import FSReports

/// resolution-times against SQL over the generated snapshot of ``SQLOracleTests``. The
/// generator writes a system note for every close and reopen (and the activity of the same
/// instant only inside the activity window), with no redundant events, so the SQL reads
/// the history from the system notes alone and the kernel must agree; a ticket needed the
/// system notes when one of its notes has no activity at the same instant.
@Suite struct ResolutionTimesSQLOracleTests {
    typealias Oracle = SQLOracleTests
    static func stats(_ query: String, _ values: [String: SQLValue]) throws -> DurationStats {
        try ResponseTimesSQLOracleTests.stats(query: query, values)
    }

    /// The report from the loaded report columns (full resolution from the closed list's
    /// resolution column and its sketch).
    static func report(_ from: Int64, _ to: Int64) throws -> ResolutionTimes.Result {
        try ResolutionTimes.run(
            store: Oracle.fixture.store, reports: try reports, request: .init(from: from, to: to, now: Oracle.now))
    }

    static var reports: ReportColumns {
        get throws {
            let snapshot = try Snapshot(path: Oracle.fixture.path, mode: .readOnly)
            return try ReportColumns.load(snapshot, store: Oracle.fixture.store)
        }
    }

    static let cohort = """
        SELECT t.id, t.created_at, t.resolved_at - t.created_at AS duration,
            (SELECT count(*) FROM conversations c JOIN persons p ON p.id = c.person_id
             WHERE c.ticket_id = t.id AND c.conversation_type = 'response' AND p.person_type = 'agent') AS agent_replies,
            (SELECT count(*) FROM conversations c LEFT JOIN persons p ON p.id = c.person_id
             WHERE c.ticket_id = t.id AND c.conversation_type = 'response' AND coalesce(p.person_type, '') <> 'agent')
                AS customer_messages,
            (SELECT count(*) FROM conversations c WHERE c.ticket_id = t.id AND c.system_kind = 'reopen') AS reopens,
            EXISTS (SELECT 1 FROM conversations c WHERE c.ticket_id = t.id AND c.system_kind IN ('close', 'reopen')) AS noted,
            NOT EXISTS (SELECT 1 FROM conversations c WHERE c.ticket_id = t.id AND c.system_kind IN ('close', 'reopen')
                AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.object_id = t.id AND a.created_at = c.created_at
                    AND a.event_type = CASE c.system_kind WHEN 'close' THEN 'fluent_support/ticket_closed'
                        ELSE 'fluent_support/ticket_reopen' END)) AS logged
        FROM tickets t WHERE t.status = 'closed' AND t.resolved_at >= :start AND t.resolved_at < :end
        """

    @Test(arguments: 0..<3)
    func summaryEqualsSQL(_ index: Int) throws {
        let (from, to) = ResponseTimesSQLOracleTests.ranges[index]
        let values: [String: SQLValue] = [":start": .integer(from * 86_400), ":end": .integer((to + 1) * 86_400)]
        let s = try Self.report(from, to).summary
        #expect(s.closed > 0)
        #expect(s.full == (try Self.stats("SELECT duration FROM (\(Self.cohort))", values)))
        let first = """
            SELECT f - created_at AS duration FROM (
                SELECT t.created_at, coalesce(
                    (SELECT min(c.created_at) FROM conversations c WHERE c.ticket_id = t.id AND c.system_kind = 'close'),
                    CASE WHEN t.status = 'closed' THEN t.resolved_at END) AS f
                FROM tickets t)
            WHERE f >= :start AND f < :end
            """
        #expect(s.first == (try Self.stats(first, values)))
        let row = try Oracle.rows(
            """
            SELECT count(*), sum(agent_replies), sum(agent_replies = 0), sum(agent_replies = 1), sum(agent_replies = 2),
                sum(agent_replies >= 3), sum(customer_messages), sum(customer_messages = 0),
                sum(agent_replies = 1 AND reopens = 0), sum(reopens > 0), sum(NOT noted AND NOT logged),
                sum(noted AND NOT logged)
            FROM (\(Self.cohort))
            """, values)[0].map(Oracle.int)
        let n = row[0]
        // Mean × 100, halves up: ⌊(200 · sum + n) / 2n⌋.
        #expect(s.agentReplies.meanHundredths == (200 * row[1] + n) / (2 * n))
        #expect(s.agentReplies.counts == [Int(row[2]), Int(row[3]), Int(row[4]), Int(row[5])])
        #expect(s.customerMessages.meanHundredths == (200 * row[6] + n) / (2 * n))
        #expect(s.customerMessages.counts[0] == Int(row[7]))
        #expect(s.zeroTouch == Int(row[2]) && s.oneTouch == Int(row[8]) && s.reopened == Int(row[9]))
        let weakest = row[10] > 0 ? "resolved_at" : row[11] > 0 ? "system-notes" : "activities"
        #expect(s.history.name == weakest)
        let median = try Oracle.rows(
            """
            SELECT (min(agent_replies) + max(agent_replies)) * 50 FROM (
                SELECT agent_replies FROM (\(Self.cohort)) ORDER BY agent_replies
                LIMIT 2 - (SELECT count(*) FROM (\(Self.cohort))) % 2 OFFSET ((SELECT count(*) FROM (\(Self.cohort))) - 1) / 2)
            """, values)
        #expect(s.agentReplies.medianHundredths == Oracle.int(median[0][0]))
        let events = try Oracle.rows(
            """
            SELECT count(*) FROM conversations c JOIN tickets t ON t.id = c.ticket_id
            WHERE c.system_kind = 'reopen' AND c.created_at >= :start AND c.created_at < :end
            """, values)
        #expect(s.reopenEvents == Int(Oracle.int(events[0][0])))
    }

    /// From the loaded columns (block tallies, resolution columns and their sketches) and
    /// from the rows alone, the same summary, which `summaryEqualsSQL` checks against SQL; range 2
    /// (400 days) takes whole blocks of the tallies.
    @Test(arguments: 0..<3)
    func talliesAndSketchEqualTheRowsCounted(_ index: Int) throws {
        let (from, to) = ResponseTimesSQLOracleTests.ranges[index]
        let store = Oracle.fixture.store
        let reports = try Self.reports
        let request = ResponseTimes.Request(from: from, to: to, now: Oracle.now)
        let filter = try ResponseTimes.Filter(store: store, extras: reports.tickets, request: request)
        func input(loaded: Bool) -> ResolutionTimes.Input {
            ResolutionTimes.Input(
                store: store, replies: reports.responses, history: reports.history, extras: reports.tickets,
                filter: filter, business: nil,
                resolutions: loaded ? (reports.sla.closedDuration, reports.sketches.resolution) : nil,
                firstResolutions: loaded
                    ? (reports.firstResolutions, reports.sketches.firstResolution)
                    : (FirstResolutions(history: reports.history, store: store), DurationSketch()),
                reopenSketch: loaded ? reports.sketches.reopen : DurationSketch(), tallies: loaded ? reports.tallies : nil)
        }
        let counted = input(loaded: false).unfilteredSummary(from...to)
        #expect(input(loaded: true).unfilteredSummary(from...to) == counted)
        #expect(counted == (try Self.report(from, to).summary))
        if index == 2 {
            // The cohort holds a whole block of the closed list (positions 2048–4095).
            let resolved = store.closedResolvedAt
            let lo = resolved.firstIndex { $0 >= from * 86_400 } ?? resolved.count
            let hi = resolved.firstIndex { $0 >= (to + 1) * 86_400 } ?? resolved.count
            #expect((lo + CohortTallies.blockLength - 1) / CohortTallies.blockLength < hi / CohortTallies.blockLength)
        }
    }
}
