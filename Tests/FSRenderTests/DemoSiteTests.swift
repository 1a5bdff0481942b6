import FSColumnar
import FSRender
import FSReports
import FSTestSupport
import Foundation
import Testing

/// The site of the demo helpdesk (3,000 tickets, 8 agents), written once per test run.
struct DemoSite: Sendable {
    /// Holds the site's folder for the test run (removed with it).
    let temporary: TemporaryDirectory
    let root: URL
    let manifest: SiteManifest
    let bytes: Int

    static let shared: DemoSite = {
        let store = DashboardFixture.demoStore(now: DashboardFixture.demoNow)
        let data = try! DashboardData.compute(
            store: store, reports: DashboardFixture.reports(store), now: DashboardFixture.demoNow,
            lastSync: DashboardFixture.demoNow - 900)
        let temporary = TemporaryDirectory()
        let root = temporary.url.appendingPathComponent("site")
        let manifest = try! SiteWriter.write(data, to: root.path, options: DashboardFixture.options())
        let bytes = try! siteFiles(under: root).reduce(0) { $0 + $1.data.count }
        return DemoSite(temporary: temporary, root: root, manifest: manifest, bytes: bytes)
    }()

    func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(path)))
    }
}

@Suite struct DemoSiteTests {
    /// The budget was 1 MB (the site measured 981 kB); the response-times block (cards on
    /// every panel of every page, two charts per index panel, three agents-table columns)
    /// adds about 92 kB, so it is 1.1 MB.
    @Test func demoSiteIsUnderItsBudget() {
        let site = DemoSite.shared
        print("dashboard site on the demo data: \(site.manifest.fileCount) files, \(site.bytes) bytes")
        #expect(site.bytes < 1_100_000, "the demo site is \(site.bytes) bytes")
        #expect(site.manifest.pages.count == 9)
        #expect(site.manifest.agents == 8)
    }

    /// Prints compute vs render time (debug builds: indicative only; `swift run -c release`
    /// `fsreport dashboard --timings` for real figures).
    @Test func benchmarkReportsComputeAndRenderTimes() throws {
        let store = DashboardFixture.demoStore(now: DashboardFixture.demoNow)
        var lines: [String] = []
        let result = try DashboardBenchmark.run(
            iterations: 3, compute: { try DashboardData.compute(store: store, now: DashboardFixture.demoNow, lastSync: nil) },
            log: { lines.append($0) })
        print(result.summary)
        #expect(result.compute > 0 && result.render > 0)
        #expect(result.files == DemoSite.shared.manifest.fileCount)
        #expect(lines == [result.summary])
    }
}
