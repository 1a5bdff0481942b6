import FSColumnar
import FSRender
import FSReports
import Foundation
import Testing

/// The backlog card of the index page and its published files, over ``DashboardFixture``
/// with no close/reopen events (each closed ticket closes at its `resolved_at`).
///
/// Last 7 days (Feb 26 – Mar 4): T5 is open before it (created Feb 10). Feb 27 T1 created
/// → 2; Mar 1 T6 → 3; Mar 2 T1 closed → 2; Mar 3 T2 → 3; Mar 4 T3 created, T6 closed → 3.
/// Aging at Mar 4 10:00: T2 23 h, T3 1.5 h (0–1 d), T5 22 d (7–30 d); waiting: T2 and T3
/// (no agent reply), 23 h and 1.5 h.
@Suite struct DashboardBacklogTests {
    static func data() throws -> DashboardData {
        var data = try DashboardFixture.data
        let store = DashboardFixture.store
        try data.addBacklog(store: store, history: CloseHistory(store: store, events: []))
        return data
    }

    @Test func theCardShowsTheSeriesAndAging() throws {
        let data = try Self.data()
        let week = try #require(data.ranges.first { $0.preset.kind == .last7Days }?.backlog)
        #expect(week.days.map(\.open) == [1, 2, 2, 3, 2, 3, 3])
        #expect(week.days.map(\.created) == [0, 1, 0, 1, 0, 1, 1] && week.days.map(\.closed) == [0, 0, 0, 0, 1, 0, 1])
        #expect(week.agingOpen == [2, 0, 0, 1, 0] && week.agingWaiting == [2, 0, 0, 0, 0])

        let (files, manifest) = SiteWriter.render(data, options: DashboardFixture.options())
        let index = try #require(files.first { $0.path == "index.html" }?.contents)
        #expect(index.contains("<h3 id=\"backlog-last-7-days\">Backlog</h3>"))
        #expect(index.contains("<span class=\"total\" data-k=\"backlog-open\">3</span>"))
        #expect(index.contains("<span class=\"total\" data-k=\"aging-open\">3</span>"))
        #expect(index.contains("<span class=\"total\" data-k=\"aging-waiting\">2</span>"))
        #expect(index.contains("Tue, Mar 3: 3 open tickets"))
        #expect(index.contains("2 open under 1 day"))
        // Hostile names stay text on the page that now carries the card.
        #expect(!index.contains("<script>alert(1)</script>"))
        for preset in data.ranges.map(\.preset) {
            #expect(index.contains("href=\"csv/\(preset.id)-backlog.csv\" download"))
            #expect(index.contains("href=\"api/ranges/\(preset.id)/reports/backlog.json\""))
        }

        // Published: one JSON (the report's body) and one CSV per preset, listed in the manifest.
        let json = try #require(files.first { $0.path == "api/ranges/last-7-days/reports/backlog.json" }?.contents)
        #expect(json == BacklogOutput.json(week).serialized())
        #expect(json.contains("\"2026-03-04\": {\n      \"open\": 3,\n      \"created\": 1,\n      \"closed\": 1"))
        let csv = try #require(files.first { $0.path == "csv/last-7-days-backlog.csv" }?.contents)
        #expect(csv.hasPrefix("section,key,open,created,closed,reopened,waiting\r\nday,2026-02-26,1,0,0,0,\r\n"))
        let entries = manifest.files.filter { $0.report == "backlog" }
        #expect(entries.count == data.ranges.count)
        #expect(entries.first { $0.json.contains("last-7-days") }?.rows == 7 + 5)
        #expect(files.count == manifest.fileCount)
    }

    @Test func noBacklogNoCard() throws {
        let (files, manifest) = SiteWriter.render(try DashboardFixture.data, options: DashboardFixture.options())
        #expect(files.first { $0.path == "index.html" }?.contents.contains("backlog-last-7-days") == false)
        #expect(!manifest.files.contains { $0.report == "backlog" })
    }
}
