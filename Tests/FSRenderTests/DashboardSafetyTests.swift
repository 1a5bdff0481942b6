import FSColumnar
import FSRender
import FSReports
import FSTestSupport
import Foundation
import Testing

/// What may never be published, checked on a site written to disk: hostile agent names
/// stay text, nothing points outside the folder, no customer data, every link resolves,
/// and every JSON file is the live endpoint's body for its request.
@Suite struct DashboardSafetyTests {
    let temporary = TemporaryDirectory()
    let root: URL
    let files: [(path: String, data: Data)]
    let manifest: SiteManifest

    init() throws {
        root = temporary.url.appendingPathComponent("site")
        manifest = try SiteWriter.write(try DashboardFixture.data, to: root.path, options: DashboardFixture.options())
        files = try siteFiles(under: root)
    }

    var htmlFiles: [(path: String, text: String)] {
        files.filter { $0.path.hasSuffix(".html") }.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }
    }

    @Test func writesTheLayoutOfDesignMd() {
        let paths = Set(files.map(\.path))
        for expected in [
            "index.html", "manifest.json", "agents/1.html", "agents/2.html", "agents/3.html", "agents/4.html",
            "api/reports.json", "api/reports/tickets-growth.json", "api/reports/tickets-resolve-growth.json",
            "api/reports/response-growth.json", "api/reports/agents-summary.json", "api/my-reports/1.json",
            "api/my-reports/1/my-summary.json", "api/ranges/last-7-days/reports/agents-summary.json",
            "api/ranges/month-to-date/my-reports/2/response-growth.json", "csv/agents-summary.csv",
            "csv/last-90-days-agent-4-my-summary.csv",
        ] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        #expect(files.count == manifest.fileCount)
        #expect(files.allSatisfy { !$0.path.hasPrefix(".") && !$0.path.contains("/.") })
    }

    @Test(arguments: [DashboardFixture.hostileFirst, DashboardFixture.hostileLast, DashboardFixture.ampersandName])
    func hostileNamesAreEscaped(name: String) {
        let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        var shown = 0
        for (path, html) in htmlFiles {
            #expect(!html.contains(name), "\(path) holds the raw name \(name)")
            if html.contains(escaped) { shown += 1 }
        }
        // The index and the agent's own page at least.
        #expect(shown >= 2, "the escaped name \(escaped) should be shown")
    }

    @Test func noMarkupFromTheHelpdeskGetsThrough() {
        for (path, html) in htmlFiles {
            #expect(!html.contains("<script"), "\(path) has a <script>")
            #expect(!html.contains("<img"), "\(path) has an <img>")
            #expect(html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path) has an event handler")
        }
    }

    @Test func noExternalReferencesAnywhere() {
        for file in files {
            let text = String(decoding: file.data, as: UTF8.self).lowercased()
            let http = text.contains("http://")
            let https = text.contains("https://")
            #expect(!http, "\(file.path) contains http://")
            #expect(!https, "\(file.path) contains https://")
            if file.path.hasSuffix(".html") {
                let css = text.contains("@import") || text.contains("url(")
                #expect(!css, "\(file.path) loads a resource from CSS")
                // A real tag (not escaped text) with an attribute that loads something.
                let loads =
                    text.range(of: #"<(link|script|img|iframe|object|embed|source|video|audio)\b"#, options: .regularExpression)
                    ?? text.range(of: #"<[a-z][^<>]*\s(src|srcset|poster)\s*="#, options: .regularExpression)
                #expect(loads == nil, "\(file.path) loads a resource: \(loads.map { String(text[$0]) } ?? "")")
                let xmlns = text.contains("xmlns")
                #expect(!xmlns, "\(file.path) declares a namespace URL")
            }
        }
    }

    @Test func noCustomerDataOrAgentEmailsOrPhotos() {
        let forbidden = DashboardFixture.customerStrings + DashboardFixture.agentSecrets
        for file in files {
            let text = String(decoding: file.data, as: UTF8.self)
            for secret in forbidden {
                #expect(!text.contains(secret), "\(file.path) contains \(secret)")
            }
            #expect(
                text.range(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, options: .regularExpression) == nil,
                "\(file.path) contains an email address")
        }
    }

    @Test func apiBodiesAreTheLiveEndpointsBodies() throws {
        let store = DashboardFixture.store
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
        // Default views: 5 seed reports + stats, 3 day-time-stats grids, 2 summaries; per preset 4 + 6;
        // per agent 4 + 4 presets × 3.
        #expect(manifest.files.count == 5 + 6 + 4 * (4 + 6) + 4 * (4 + 4 * 3))
        for entry in manifest.files {
            let name = try #require(ReportName(rawValue: entry.report))
            let agent = entry.json.split(separator: "/").firstIndex(of: "my-reports").flatMap { i -> Int64? in
                let parts = entry.json.replacingOccurrences(of: ".json", with: "").split(separator: "/")
                return Int64(parts[i + 1])
            }
            var request = ReportRequest(agentId: agent, now: DashboardFixture.now)
            if name == .dayTimeStats {
                let type = (entry.json as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "")
                request.dayTimeType = try #require(DayTimeType(rawValue: type))
                #expect(entry.csv.hasSuffix("day-time-stats-\(type).csv"))
            }
            if let from = entry.query.first(where: { $0.0 == "from" })?.1 {
                request.from = DashboardCalendar.day(DashboardCalendar.parseTimestamp(from)!)
            }
            if let to = entry.query.first(where: { $0.0 == "to" })?.1 {
                request.to = DashboardCalendar.day(DashboardCalendar.parseTimestamp(to)!)
            }
            let result = try Reports.run(name, store: store, request: request)
            // day-time-stats grids are written compactly (168 numbers), everything else pretty-printed.
            let compact = name == .dayTimeStats
            let body = ReportJSON.value(result, options: .init(includePhotos: false)).serialized(pretty: !compact)
            let expected = compact ? body + "\n" : body
            #expect(byPath[entry.json] == expected, "\(entry.json) is not the body of \(entry.endpoint)")
            #expect(byPath[entry.csv] == CSV.render(ReportTable(result)), "\(entry.csv)")
            #expect(entry.rows == ReportTable(result).rows.count)
        }
        #expect(byPath["api/reports/agents-summary.json"]?.contains("\"photo\": null") == true)
        for path in [
            "api/reports/stats.json", "api/reports/day-time-stats/ticket.json", "api/reports/day-time-stats/agent-response.json",
            "api/reports/day-time-stats/customer-response.json", "api/product-reports/product-reports-summary.json",
            "api/mailbox-reports/mailbox-reports-summary.json", "api/ranges/last-7-days/reports/stats.json",
            "api/ranges/last-30-days/reports/day-time-stats/customer-response.json",
            "api/ranges/month-to-date/product-reports/product-reports-summary.json",
            "api/ranges/last-90-days/mailbox-reports/mailbox-reports-summary.json",
            "csv/last-7-days-day-time-stats-agent-response.csv", "csv/last-30-days-product-summary.csv",
        ] {
            #expect(byPath[path] != nil, "missing \(path)")
        }
        #expect(!(byPath.values.contains { $0.contains("\"photo\": \"") }))
    }

    @Test func everyLinkResolvesInsideTheSite() throws {
        let paths = Set(files.map(\.path))
        let hrefs = try NSRegularExpression(pattern: #"href="([^"]*)""#)
        let ids = try NSRegularExpression(pattern: #"id="([^"]*)""#)
        func idsOf(_ html: String) -> Set<String> {
            Set(
                ids.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
                    String(html[Range($0.range(at: 1), in: html)!])
                })
        }
        let pages = Dictionary(uniqueKeysWithValues: htmlFiles.map { ($0.path, $0.text) })
        for (path, html) in pages {
            let directory = (path as NSString).deletingLastPathComponent
            for match in hrefs.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let href = String(html[Range(match.range(at: 1), in: html)!])
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var target = path
                if !parts[0].isEmpty {
                    target = normalized(directory.isEmpty ? parts[0] : directory + "/" + parts[0])
                    let exists = paths.contains(target)
                    #expect(exists, "\(path) links to \(href), which is not in the site")
                }
                if parts.count == 2, let page = pages[target] {
                    let exists = idsOf(page).contains(parts[1])
                    #expect(exists, "\(path) links to \(href), which has no such id")
                }
            }
        }
    }

    /// `agents/../csv/x.csv` → `csv/x.csv`; nil-safe for paths leaving the root (kept as is).
    func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { if parts.popLast() == nil { return path } } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    @Test func everyChartHasATitleADescriptionAndADataTable() {
        for (path, html) in htmlFiles {
            let charts = html.components(separatedBy: "<svg ").dropFirst()
            // Per preset (4): three growth charts and the two response-time charts (distribution,
            // median over time) on the index, two growth charts on agent pages.
            #expect(charts.count == (path == "index.html" ? 4 * (3 + 2) : 4 * 2), "\(path)")
            for chart in charts {
                #expect(
                    chart.contains("role=\"img\" aria-labelledby=") && chart.contains("<title id=") && chart.contains("<desc id=")
                )
                #expect(!chart.contains("xmlns"))
            }
            // Each chart has one; on the index, so has each of the three heatmaps of each of the 4 presets.
            let heatmaps = path == "index.html" ? 3 * 4 : 0
            #expect(html.components(separatedBy: "<summary>Data table</summary>").count - 1 == charts.count + heatmaps)
        }
    }

    @Test func headingsDoNotSkipLevels() throws {
        let headings = try NSRegularExpression(pattern: "<h([1-6])[ >]")
        for (path, html) in htmlFiles {
            let levels = headings.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
                Int(html[Range($0.range(at: 1), in: html)!])!
            }
            #expect(levels.first == 1, "\(path) starts with h\(levels.first ?? 0)")
            #expect(levels.filter { $0 == 1 }.count == 1, "\(path) has several h1")
            for (a, b) in zip(levels, levels.dropFirst()) {
                #expect(b <= a + 1, "\(path) jumps from h\(a) to h\(b)")
            }
        }
    }
}
