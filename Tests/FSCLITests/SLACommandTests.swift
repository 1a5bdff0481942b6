import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// `fsreport report sla`, `--hours` / `--sla` files and their errors, over
/// ``makeSmallSnapshot(at:timezone:)`` (UTC; no ticket has a priority, so `default` applies):
/// T1 FRT 11-18 10:00 → 12:00 = 7200, resolved after 23 h; T2 FRT 11-19 23:59:59 → 11-20
/// 07:00 = 25201, the customer wrote at 08:00 (reply clock running); T3 created 11-20 00:00,
/// unanswered. Now 11-20 12:00.
@Suite struct SLACommandTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("snap.sqlite") }

    init() throws { try makeSmallSnapshot(at: dir.file("snap.sqlite")) }

    static let targets = """
        {"sla": {"first_response": {"default": "2h"}, "next_response": {"default": "180m"},
                 "resolution": {"default": "24h"}}}
        """

    func write(_ name: String, _ text: String) -> String {
        let path = dir.file(name)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func run(_ extra: [String], report: String = "sla") -> CLIRun {
        runCLI(
            ["report", report, "--db", db, "--from", "2026-11-18", "--to", "2026-11-20", "--now", "2026-11-20 12:00:00"]
                + extra, in: dir.path)
    }

    @Test func jsonBody() throws {
        let r = run(["--sla", write("sla.json", Self.targets), "--format", "json"])
        #expect(r.code == 0, "\(r.stderr)")
        let body = try #require(json(r.stdout) as? [String: Any])
        #expect(body["clock"] as? String == "calendar")
        let summary = try #require(body["summary"] as? [String: [String: Any]])
        // T1 7200 = 2h: met; T2 25201: breached; T3 open 12 h without a reply: past 2h.
        let frt = try #require(summary["first_response"])
        #expect(frt["met"] as? Int == 1 && frt["breached"] as? Int == 1 && frt["breached_open"] as? Int == 1)
        #expect(frt["attainment"] as? Double == 0.5)
        // No reply samples; T2's clock runs since 08:00: 4 h > 3 h.
        let next = try #require(summary["next_response"])
        #expect(next["met"] as? Int == 0 && next["attainment"] is NSNull && next["breached_open"] as? Int == 1)
        // T1 resolved after 23 h ≤ 24 h; T2 and T3 open 12 h: not past.
        let resolution = try #require(summary["resolution"])
        #expect(resolution["met"] as? Int == 1 && resolution["breached_open"] as? Int == 0)
    }

    @Test func csvListsOpenBreachesOldestFirst() {
        let r = run(["--sla", write("sla.json", Self.targets), "--format", "csv"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(
            r.stdout
                == "ticket_id,target,since,elapsed_seconds,target_seconds,priority,mailbox_id,product_id,agent_id\r\n"
                + "3,first_response,2026-11-20 00:00:00,43200,7200,,1,1,\r\n"
                + "2,next_response,2026-11-20 08:00:00,14400,10800,,1,1,2\r\n")
    }

    @Test func businessBlocksOnlyWithHours() throws {
        // Every day 09:00–17:00: T1 10:00 → 12:00 = 7200; T2 23:59:59 → 07:00 = 0.
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { "\"\($0)\": [\"09:00-17:00\"]" }
        let hours = write("hours.json", "{\"business_hours\": {\(days.joined(separator: ", "))}}")
        let with = run(["--hours", hours, "--format", "json"], report: "response-times")
        #expect(with.code == 0, "\(with.stderr)")
        let summary = try #require((json(with.stdout) as? [String: Any])?["summary"] as? [String: Any])
        let business = try #require(summary["first_response_business"] as? [String: Any])
        #expect(business["n"] as? Int == 2 && business["max"] as? Int == 7200 && business["median"] as? Int == 3600)
        #expect(summary["reply_time_business"] != nil)
        let without = run(["--format", "json"], report: "response-times")
        #expect(!without.stdout.contains("_business"))
        let resolution = run(["--hours", hours, "--format", "csv"], report: "resolution-times")
        #expect(resolution.stdout.contains("full_business_n"))
    }

    @Test func exportGainsOneColumnPerTarget() {
        let r = runCLI(
            ["export", "tickets", "--db", db, "--sla", write("sla.json", Self.targets), "--now", "2026-11-20 12:00:00"],
            in: dir.path)
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4)
        #expect(lines[0].hasSuffix(",reopens,sla_first_response,sla_next_response,sla_resolution"))
        // T1: FRT 7200 = 2h met; no reply sample; resolved after 23 h ≤ 24 h met.
        #expect(lines[1].hasPrefix("1,") && lines[1].hasSuffix(",met,,met"))
        // T2: FRT 25201 breached; its clock runs since 08:00, 4 h > 3 h; open 12 h, within 24 h.
        #expect(lines[2].hasPrefix("2,") && lines[2].hasSuffix(",breached,breached,"))
        // T3: unanswered and open 12 h > 2 h.
        #expect(lines[3].hasPrefix("3,") && lines[3].hasSuffix(",breached,,"))
        let plain = runCLI(["export", "tickets", "--db", db], in: dir.path)
        #expect(!plain.stdout.contains("sla_"))
    }

    @Test func dashboardShowsThePanelAndTheAgentsColumn() throws {
        let site = dir.file("site")
        let r = runCLI(
            [
                "dashboard", "--db", db, "--output", site, "--sla", write("sla.json", Self.targets), "--now",
                "2026-11-20 12:00:00",
            ],
            in: dir.path)
        #expect(r.code == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: "\(site)/index.html", encoding: .utf8)
        // Last 7 days (11-14 … 11-20), as the JSON body above: first response 1 met, 1 breached,
        // 50.0%, 1 now; next response no samples, 1 now; resolution T1 met, 100.0%.
        #expect(html.contains("<h3 id=\"sla-last-7-days\">SLA targets</h3>"))
        #expect(
            html.contains(
                "<tr data-sla=\"first_response\"><th scope=\"row\">First response</th><td class=\"n\" data-k=\"met\">1</td>"
                    + "<td class=\"n\" data-k=\"breached\">1</td><td class=\"n\" data-k=\"attainment\">50.0%</td>"
                    + "<td class=\"n warm\" data-k=\"breached_open\">1</td></tr>"))
        #expect(html.contains("<td class=\"n\" data-k=\"attainment\">—</td><td class=\"n warm\" data-k=\"breached_open\">1</td>"))
        #expect(html.contains("data-k=\"attainment\">100.0%</td><td class=\"n\" data-k=\"breached_open\">0</td>"))
        // Ada: T1's first reply and T1's resolution met (100.0%); Bob: T2's first reply breached (0.0%).
        #expect(html.contains("<td class=\"n\" data-k=\"sla\" title=\"2 met, 0 breached\">100.0%</td>"))
        #expect(html.contains("<td class=\"n\" data-k=\"sla\" title=\"0 met, 1 breached\">0.0%</td>"))
        // Without targets: no panel, no column.
        let plain = runCLI(
            ["dashboard", "--db", db, "--output", dir.file("plain"), "--now", "2026-11-20 12:00:00"], in: dir.path)
        #expect(plain.code == 0)
        let plainHTML = try String(contentsOfFile: dir.file("plain/index.html"), encoding: .utf8)
        #expect(!plainHTML.contains("data-sla=") && !plainHTML.contains("data-k=\"sla\""))
    }

    @Test func noTargetsIsAUsageError() {
        let r = run([])
        #expect(r.code == 2)
        #expect(r.stderr.contains("--sla FILE"))
    }

    /// Each bad file exits 2 with the file, the key and the value in the message.
    @Test(arguments: [
        (#"{"sla": {"first_response": {"urgent": "1h"}}}"#, ["sla.first_response.urgent", "\"urgent\""]),
        (#"{"sla": {"first_response": {"default": "0h"}}}"#, ["sla.first_response.default", "\"0h\"", "zero"]),
        (#"{"sla": {"resolution": {"critical": "-4h"}}}"#, ["sla.resolution.critical", "\"-4h\"", "negative"]),
        (#"{"sla": {"next_response": {"default": "4 hours"}}}"#, ["sla.next_response.default", "\"4 hours\""]),
        (#"{"sla": {"next_response": {"default": 4}}}"#, ["sla.next_response.default", "whole number"]),
        (#"{"sla": {"clock": "business", "first_response": {"default": "1h"}}}"#, ["sla.clock", "business"]),
        (#"{"sla": {"clock": "wall", "first_response": {"default": "1h"}}}"#, ["sla.clock", "\"wall\""]),
        (#"{"sla": {"clock": "calendar"}}"#, ["sla", "no targets"]),
        (#"{"business_hours": {"mon": ["17:00-09:00"]}}"#, ["business_hours.mon[0]", "\"17:00-09:00\"", "+1"]),
        (#"{"business_hours": {"mon": ["09:00-12:00", "11:00-13:00"]}}"#, ["business_hours", "mon 09:00-12:00", "overlap"]),
        (#"{"business_hours": {"timezone": "Mars/Olympus"}}"#, ["business_hours.timezone", "\"Mars/Olympus\""]),
        (#"{"business_hours": {"holidays": ["2026-02-30"]}}"#, ["business_hours.holidays[0]", "\"2026-02-30\""]),
        (#"{"business_hours": {"monday": ["09:00-17:00"]}}"#, ["business_hours.monday", "unknown key"]),
        (#"{"business_hours": {"mailboxes": {"9": {"mon": ["09:00-17:00"]}}}}"#, ["business_hours.mailboxes.9", "mailbox 9"]),
        (#"{"slas": {}}"#, ["slas", "unknown key"]),
    ])
    func badConfig(_ text: String, _ expected: [String]) {
        let path = write("bad.json", text)
        // response-times reads the same files (and checks them against the snapshot).
        let r = run(["--sla", path, "--format", "json"], report: "response-times")
        #expect(r.code == 2, "\(text): \(r.stderr)")
        for fragment in expected + [path] {
            #expect(r.stderr.contains(fragment), "\(text): \(r.stderr)")
        }
    }

    @Test func hoursFileTakesNoTargets() {
        let r = run(["--hours", write("h.json", Self.targets)], report: "response-times")
        #expect(r.code == 2)
        #expect(r.stderr.contains("--sla"))
    }
}
