import FSTestSupport
import Foundation
import Testing

/// Opens the demo site in a real browser (Debian's `chromium`, headless, from `file://`),
/// checks the rendered DOM against the JSON files, and keeps screenshots under
/// `.build/test-artifacts/`. `.ci/run` installs chromium; `FSREPORT_SKIP_BROWSER=1` skips.
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["FSREPORT_SKIP_BROWSER"] != "1", "FSREPORT_SKIP_BROWSER=1"))
struct DashboardBrowserTests {
    let site = DemoSite.shared

    // MARK: DOM against JSON

    @Test func indexShowsTheNumbersOfTheJSONFiles() throws {
        let dom = try Browser.dumpDOM(site.root.appendingPathComponent("index.html"))
        // The browser parsed and kept the page: the panels and the definitions are there.
        #expect(dom.contains("<h1>Helpdesk dashboard</h1>") && dom.contains("id=\"definitions\""))

        let overall =
            try #require(try site.json("api/reports.json") as? [String: Any])["overall_reports"] as? [String: [String: Any]]
        for key in ["new_tickets", "active_tickets", "closed_tickets", "responses"] {
            let expected = try #require(overall?[key]?["count"] as? Int)
            #expect(DOM.number(in: dom, key: key) == expected, "card \(key)")
        }

        for range in site.manifest.ranges {
            let panel = try #require(DOM.panel(range.id, in: dom), "no panel for \(range.id)")
            let base = "api/ranges/\(range.id)/reports"
            for (key, file) in [
                ("created-total", "tickets-growth"), ("resolved-total", "tickets-resolve-growth"),
                ("responses-total", "response-growth"),
            ] {
                let stats = try #require((try site.json("\(base)/\(file).json") as? [String: Any])?["stats"] as? [String: Int])
                #expect(DOM.number(in: panel, key: key) == stats.values.reduce(0, +), "\(range.id) \(key)")
            }
            let summary = try #require(
                (try site.json("\(base)/agents-summary.json") as? [String: Any])?["summary"] as? [[String: Any]])
            let rows = DOM.agentRows(in: panel)
            #expect(rows.map(\.id).sorted() == summary.compactMap { $0["id"] as? Int }.sorted(), "\(range.id) agents")
            #expect(rows.map(\.responses) == rows.map(\.responses).sorted(by: >), "\(range.id) sorted by responses")
            for agent in summary {
                let id = try #require(agent["id"] as? Int)
                let stats = try #require(agent["stats"] as? [String: Int])
                let active = try #require(agent["active_stat"] as? [String: Any])
                let row = try #require(rows.first { $0.id == id }, "\(range.id): no row for agent \(id)")
                for key in ["responses", "interactions", "closed", "opens", "waiting_tickets"] {
                    #expect(row.cells[key] == stats[key].map(String.init), "\(range.id) agent \(id) \(key)")
                }
                for key in ["average_waiting", "max_waiting"] {
                    let expected = active[key] as? String ?? "—"
                    #expect(row.cells[key] == expected, "\(range.id) agent \(id) \(key)")
                }
            }
        }
        try checkPluginReports(in: dom)
        let charts = DOM.charts(in: dom)
        // Per preset (4): three growth charts and the two response-time charts.
        #expect(charts.count == 4 * (3 + 2))
        #expect(charts.allSatisfy { $0.width > 0 && $0.height > 0 }, "\(charts)")
    }

    /// The product and mailbox tables and the busiest-times grids of every panel against
    /// their JSON files.
    func checkPluginReports(in dom: String) throws {
        for range in site.manifest.ranges {
            let panel = try #require(DOM.panel(range.id, in: dom), "no panel for \(range.id)")
            for (dimension, file) in [
                ("product", "product-reports/product-reports-summary"), ("mailbox", "mailbox-reports/mailbox-reports-summary"),
            ] {
                let summary = try #require(
                    (try site.json("api/ranges/\(range.id)/\(file).json") as? [String: Any])?["summary"] as? [[String: Any]])
                let rows = DOM.rows(in: panel, attribute: "data-\(dimension)")
                #expect(rows.map(\.id) == summary.compactMap { $0["id"] as? Int }, "\(range.id) \(dimension) rows")
                for entry in summary {
                    let id = try #require(entry["id"] as? Int)
                    let stats = try #require(entry["stats"] as? [String: Int])
                    let row = try #require(rows.first { $0.id == id })
                    for key in ["agent_responses", "responses", "interactions", "opens", "closed"] {
                        #expect(row.cells[key] == stats[key].map(String.init), "\(range.id) \(dimension) \(id) \(key)")
                    }
                }
            }
            for type in ["ticket", "agent-response", "customer-response"] {
                let grid = try #require(
                    (try site.json("api/ranges/\(range.id)/reports/day-time-stats/\(type).json") as? [String: Any])?["stats"]
                        as? [String: [String: Int]])
                let shown = try #require(
                    DOM.matches("<div class=\"heatgrid hg[0-9]\" data-type=\"\(type)\">(.*?)</tbody>", in: panel).first?[1],
                    "\(range.id): no \(type) grid")
                let totals = DOM.matches("data-k=\"total\">([0-9,]+)<", in: shown).map {
                    Int($0[1].replacingOccurrences(of: ",", with: ""))!
                }
                #expect(totals.count == 7, "\(range.id) \(type) weekdays")
                let expected = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { grid[$0]?.values.reduce(0, +) ?? -1 }
                #expect(totals == expected, "\(range.id) \(type) weekday totals")
            }
        }
    }

    @Test func agentPageShowsTheNumbersOfTheJSONFiles() throws {
        let id = try #require(site.manifest.pages.first { $0.hasPrefix("agents/") }.map { $0.dropFirst(7).dropLast(5) })
            .description
        let dom = try Browser.dumpDOM(site.root.appendingPathComponent("agents/\(id).html"))
        #expect(dom.contains("href=\"../index.html\""))
        let mine = try #require(
            (try site.json("api/my-reports/\(id).json") as? [String: Any])?["overall_reports"] as? [String: [String: Any]])
        for key in ["replies_count", "interactions_count", "total_closed"] {
            #expect(DOM.number(in: dom, key: key) == mine[key]?["count"] as? Int, "card \(key)")
        }
        for range in site.manifest.ranges {
            let panel = try #require(DOM.panel(range.id, in: dom))
            let summary = try #require(
                (try site.json("api/ranges/\(range.id)/my-reports/\(id)/my-summary.json") as? [String: Any])?["summary"]
                    as? [[String: Any]])
            let stats = try #require(summary.first?["stats"] as? [String: Int])
            for key in ["responses", "interactions", "closed", "opens", "waiting_tickets"] {
                #expect(DOM.number(in: panel, key: key) == stats[key], "\(range.id) \(key)")
                #expect(DOM.number(in: panel, key: "cmp-\(key)") == stats[key], "\(range.id) compared \(key)")
            }
            let responses = try #require(
                (try site.json("api/ranges/\(range.id)/my-reports/\(id)/response-growth.json") as? [String: Any])?["stats"]
                    as? [String: Int])
            #expect(DOM.number(in: panel, key: "responses-total") == responses.values.reduce(0, +))
        }
        let charts = DOM.charts(in: dom)
        #expect(charts.count == 8)
        #expect(charts.allSatisfy { $0.width > 0 && $0.height > 0 })
    }

    // MARK: Screenshots (kept as artifacts)

    @Test(arguments: [
        ("index.html", "", "1280,2000", "index"),
        ("index.html", "#last-7-days", "1280,2000", "index-last-7-days"),
        ("index.html", "#last-90-days", "390,2400", "index-phone-last-90-days"),
        ("agents/1.html", "#month-to-date", "1280,1400", "agent-1-month-to-date"),
    ])
    func screenshot(page: String, fragment: String, size: String, name: String) throws {
        let png = TestPaths.artifacts.appendingPathComponent("dashboard-\(name).png")
        try? FileManager.default.removeItem(at: png)
        try Browser.screenshot(site.root.appendingPathComponent(page), fragment: fragment, size: size, to: png)
        let data = try Data(contentsOf: png)
        let expected = size.split(separator: ",").map { Int($0)! }
        #expect(PNG.size(data).map { [$0.width, $0.height] } == expected, "\(png.path) is not a \(size) PNG")
        #expect(data.count > 20_000, "\(png.path) looks blank (\(data.count) bytes)")
    }

    @Test func darkSchemeScreenshot() throws {
        let png = TestPaths.artifacts.appendingPathComponent("dashboard-index-dark.png")
        try Browser.screenshot(
            site.root.appendingPathComponent("index.html"), fragment: "", size: "1280,1400", to: png, dark: true)
        #expect(PNG.size(try Data(contentsOf: png)) != nil)
    }
}

/// Runs headless chromium.
enum Browser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func executable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        throw Failure(
            description: "chromium is not installed: `apt-get install -y chromium` (.ci/run does it), "
                + "or set FSREPORT_SKIP_BROWSER=1 to skip the browser tests")
    }

    static func dumpDOM(_ page: URL) throws -> String {
        try run(["--dump-dom", page.absoluteString])
    }

    static func screenshot(_ page: URL, fragment: String, size: String, to png: URL, dark: Bool = false) throws {
        var arguments = ["--hide-scrollbars", "--screenshot=\(png.path)", "--window-size=\(size)"]
        if dark { arguments += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] }
        _ = try run(arguments + [page.absoluteString + fragment])
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw Failure(description: "chromium wrote no screenshot to \(png.path)")
        }
    }

    /// Runs chromium with a throwaway profile; returns standard output.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> String {
        let temporary = TemporaryDirectory()
        let profile = temporary.url
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)",
            ] + arguments
        let output = Pipe()
        let log = profile.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "chromium exited with \(process.terminationStatus): \(stderr.suffix(2000))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reading numbers back out of a dumped DOM, by the `data-k` keys the renderer sets.
enum DOM {
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { i in Range(match.range(at: i), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    /// The first element with `data-k="key"` holding a plain number (`1,234`).
    static func number(in html: String, key: String) -> Int? {
        matches("data-k=\"\(key)\"[^>]*>([0-9,]+)<", in: html).first.flatMap {
            Int($0[1].replacingOccurrences(of: ",", with: ""))
        }
    }

    /// The `<section class="panel p-<id> ...">` of one range.
    static func panel(_ id: String, in html: String) -> String? {
        matches("<section class=\"panel p-\(id)[ \"].*?</section>", in: html).first?[0]
    }

    struct Row {
        var id: Int
        var cells: [String: String]
        var responses: Int { Int(cells["responses"]?.replacingOccurrences(of: ",", with: "") ?? "") ?? -1 }
    }

    /// Rows of the agents table: each cell's first text (numbers without separators).
    static func agentRows(in html: String) -> [Row] {
        matches("<tr data-agent=\"([0-9]+)\">(.*?)</tr>", in: html).map { row in
            var cells: [String: String] = [:]
            for cell in matches("<td[^>]*data-k=\"([a-z_]+)\"[^>]*>(.*?)</td>", in: row[2]) {
                var text = cell[2]
                if let tag = text.firstIndex(of: "<") { text = String(text[..<tag]) }
                if text.isEmpty, cell[2].contains("—") { text = "—" }
                cells[cell[1]] = text.replacingOccurrences(of: ",", with: "")
            }
            return Row(id: Int(row[1])!, cells: cells)
        }
    }

    /// Rows `<tr ATTRIBUTE="id">` of a table: each `data-k` cell's text (numbers without separators).
    static func rows(in html: String, attribute: String) -> [Row] {
        matches("<tr \(attribute)=\"([0-9]+)\">(.*?)</tr>", in: html).map { row in
            var cells: [String: String] = [:]
            for cell in matches("<td[^>]*data-k=\"([a-z_]+)\"[^>]*>([^<]*)<", in: row[2]) {
                cells[cell[1]] = cell[2].replacingOccurrences(of: ",", with: "")
            }
            return Row(id: Int(row[1])!, cells: cells)
        }
    }

    /// Width and height attributes of every chart `<svg>`.
    static func charts(in html: String) -> [(width: Int, height: Int)] {
        matches("<svg [^>]*class=\"chart[^\"]*\"[^>]*>", in: html).map { tag in
            let width = matches("width=\"([0-9]+)\"", in: tag[0]).first.flatMap { Int($0[1]) } ?? 0
            let height = matches("height=\"([0-9]+)\"", in: tag[0]).first.flatMap { Int($0[1]) } ?? 0
            return (width, height)
        }
    }
}

enum PNG {
    /// Width and height from the IHDR chunk; nil when `data` is not a PNG.
    static func size(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
