import FSRender
import FSReports
import Foundation
import Testing

/// The "Response times" block on the fixture's pages, with figures derived by hand from
/// the fixture (DashboardFixture's table and conversations).
@Suite struct DashboardResponseTimesTests {
    let files: [String: String]

    init() throws {
        let (rendered, _) = SiteWriter.render(try DashboardFixture.data, options: DashboardFixture.options())
        files = Dictionary(uniqueKeysWithValues: rendered.map { ($0.path, $0.contents) })
    }

    /// The HTML of one preset's panel.
    func panel(_ page: String, _ preset: String) throws -> String {
        let html = try #require(files[page])
        let start = try #require(html.range(of: "<section class=\"panel p-\(preset)"))
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func lastSevenDaysOnTheIndex() throws {
        let p = try panel("index.html", "last-7-days")
        // The block comes first in the panel, before the range totals.
        let block = try #require(p.range(of: "<h3 id=\"rt-last-7-days\">Response times</h3>"))
        let totals = try #require(p.range(of: "Tickets created"))
        #expect(block.lowerBound < totals.lowerBound)
        // First responses in Feb 26 – Mar 4: T1 created Feb 27 09:00, Ada replied 10:00 → 3600;
        // T6 created Mar 1 07:00, agent 2 replied Mar 2 09:00 → 93,600. (T4's is in December.)
        // Median at rank 0.5: 3600 + 0.5 × 90,000 = 48,600 (13h 30m); p90: 3600 + 0.9 × 90,000 = 84,600 (23h 30m).
        #expect(p.contains("data-k=\"first_response_median\" data-seconds=\"48600\">13h 30m</p>"))
        #expect(p.contains("p90 23h 30m · 2 tickets"))
        // Reply time: on T1 the customer wrote Mar 1 08:00 and Ada answered Mar 2 14:00 → 30 h = 108,000.
        // T6's later agent replies follow an agent reply, so no clock runs.
        #expect(p.contains("data-k=\"reply_time_median\" data-seconds=\"108000\">1d 6h</p>"))
        // Resolution: T1 Feb 27 09:00 → Mar 2 15:00 = 280,800; T6 Mar 1 07:00 → Mar 4 09:00 = 266,400;
        // median (266,400 + 280,800) / 2 = 273,600 = 3d 4h.
        #expect(p.contains("data-k=\"resolution_median\" data-seconds=\"273600\">3d 4h</p>"))
        // Unanswered now: T2 (active, the customer's message only), T3 (new), T5 (active, nothing).
        #expect(p.contains("<p class=\"value\" data-k=\"unanswered_now\">3</p>"))
        // Distribution: 3600 is in 1-4h (lower bounds inclusive), 93,600 in 1-3d.
        #expect(p.contains("1-4h: 1 ticket") && p.contains("1-3d: 1 ticket") && p.contains("0-1h: 0 tickets"))
        // Agents table: Ada wrote T1's first reply (3600) and the reply (108,000); she is assigned T1 (280,800).
        let ada = try #require(p.range(of: "<tr data-agent=\"1\">"))
        let row = p[ada.lowerBound...].prefix { $0 != "\n" }
        #expect(row.contains("data-k=\"first_response_median\" data-seconds=\"3600\">1h<span class=\"sub\">p90 1h</span>"))
        #expect(row.contains("data-k=\"reply_time_median\" data-seconds=\"108000\""))
        #expect(row.contains("data-k=\"resolution_median\" data-seconds=\"280800\""))
    }

    @Test func agentPageHasTheAgentsOwnFigures() throws {
        // Agent 2 over the last 7 days: T6's first reply (93,600); resolution of T6 (266,400).
        let p = try panel("agents/2.html", "last-7-days")
        #expect(p.contains("data-k=\"first_response_median\" data-seconds=\"93600\">1d 2h</p>"))
        #expect(p.contains("data-k=\"resolution_median\" data-seconds=\"266400\">3d 2h</p>"))
        // No reply-time sample for agent 2: a dash, not a zero.
        #expect(p.contains("data-k=\"reply_time_median\"><span aria-hidden=\"true\">—</span>"))
        // The cards only on agent pages: no response-time charts.
        #expect(!p.contains("rt-last-7-days-dist"))
    }
}
