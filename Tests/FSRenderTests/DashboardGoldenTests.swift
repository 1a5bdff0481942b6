import FSRender
import FSReports
import Foundation
import Testing

/// The rendered pages and manifest of the small fixture, byte for byte.
@Suite struct DashboardGoldenTests {
    let files: [String: String]

    init() throws {
        let (rendered, _) = SiteWriter.render(try DashboardFixture.data, options: DashboardFixture.options())
        files = Dictionary(uniqueKeysWithValues: rendered.map { ($0.path, $0.contents) })
    }

    @Test func indexPage() throws {
        Golden.check(try #require(files["index.html"]), named: "fixture/index.html")
    }

    @Test(arguments: [1, 2, 3, 4])
    func agentPage(id: Int) throws {
        Golden.check(try #require(files["agents/\(id).html"]), named: "fixture/agents/\(id).html")
    }

    @Test func manifest() throws {
        Golden.check(try #require(files["manifest.json"]), named: "fixture/manifest.json")
    }

    @Test func agentsSummaryBodies() throws {
        Golden.check(
            try #require(files["api/ranges/last-7-days/reports/agents-summary.json"]),
            named: "fixture/agents-summary-last-7-days.json")
        Golden.check(try #require(files["csv/last-7-days-agents-summary.csv"]), named: "fixture/agents-summary-last-7-days.csv")
    }

    /// The nightly job may keep only some presets: the first one kept becomes the default.
    @Test func rendersWithOnlySomePresets() throws {
        var data = try DashboardFixture.data
        data.ranges = data.ranges.filter { $0.preset.kind == .last7Days || $0.preset.kind == .monthToDate }
        for i in data.agents.indices { data.agents[i].ranges = data.agents[i].ranges.filter { $0.preset.kind == .monthToDate } }
        let (rendered, manifest) = SiteWriter.render(data, options: DashboardFixture.options())
        #expect(manifest.defaultRange == "last-7-days")
        let index = try #require(rendered.first { $0.path == "index.html" }?.contents)
        #expect(index.contains("<section class=\"panel p-last-7-days default\""))
        #expect(!index.contains("#last-30-days"))
        let agent = try #require(rendered.first { $0.path == "agents/1.html" }?.contents)
        #expect(agent.contains("<section class=\"panel p-month-to-date default\""))
        #expect(!agent.contains("#last-7-days"))

        data.ranges = []
        for i in data.agents.indices { data.agents[i].ranges = [] }
        let (_, empty) = SiteWriter.render(data, options: DashboardFixture.options())
        #expect(empty.defaultRange == nil && empty.pages.count == 5)
    }

    /// A stale site: the banner on every page and `"stale": true`.
    @Test func staleBanner() throws {
        let (rendered, manifest) = SiteWriter.render(
            try DashboardFixture.data, options: DashboardFixture.options(stale: true, reason: "Tonight's sync failed <again>."))
        #expect(manifest.stale)
        #expect(manifest.staleReason == "Tonight's sync failed <again>.")
        let byPath = Dictionary(uniqueKeysWithValues: rendered.map { ($0.path, $0.contents) })
        #expect(byPath["manifest.json"]?.contains("\"stale\": true") == true)
        for page in manifest.pages {
            let html = try #require(byPath[page])
            #expect(
                html.contains(
                    "<div class=\"banner\" role=\"status\"><strong>These figures may be out of date.</strong> Tonight&#39;s sync failed &lt;again&gt;."
                ))
        }
        let fresh = SiteWriter.render(try DashboardFixture.data, options: DashboardFixture.options()).files
        #expect(fresh.first { $0.path == "manifest.json" }?.contents.contains("\"stale\": false") == true)
        #expect(fresh.allSatisfy { !$0.contents.contains("class=\"banner\"") })
    }
}
