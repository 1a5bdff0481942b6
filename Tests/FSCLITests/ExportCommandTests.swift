import FSCLI
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// `fsreport export tickets`: read back, the export gives the report's FRT medians; it holds
/// no customer data; CSV and NDJSON agree.
@Suite struct ExportCommandTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("demo.sqlite") }
    static let now = LocalTime.parse("2026-11-20 15:42:10")!

    init() throws {
        let snapshot = try Snapshot(path: dir.file("demo.sqlite"), mode: .create)
        try HelpdeskGenerator.write(GeneratorConfig(seed: 5, tickets: 1500, agents: 6, days: 120, now: Self.now), to: snapshot)
    }

    /// Median by R-7 at p = 0.5, halves up, written again here.
    static func median(_ values: [Int64]) -> Int64? {
        let s = values.sorted()
        guard !s.isEmpty else { return nil }
        if s.count % 2 == 1 { return s[s.count / 2] }
        let a = s[s.count / 2 - 1]
        let b = s[s.count / 2]
        return (a + b + 1) / 2
    }

    @Test func readBackGivesTheReportsFirstResponseMedians() throws {
        let out = dir.file("out/tickets.csv")
        let export = runCLI(["export", "tickets", "--db", db, "--output", out], in: dir.path)
        #expect(export.code == 0, "\(export.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        #expect(header.first == "ticket_id" && header.count == 16)
        #expect(lines.count == 1501)
        let reply = header.firstIndex(of: "first_reply_at")!
        let frt = header.firstIndex(of: "first_response_seconds")!
        let rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
        for (from, to) in [("2026-10-22", "2026-11-20"), ("2026-11-19", "2026-11-19"), ("2026-07-01", "2026-11-20")] {
            let inRange = rows.filter { r in
                !r[reply].isEmpty && String(r[reply].prefix(10)) >= from && String(r[reply].prefix(10)) <= to
            }
            let expected = Self.median(inRange.map { Int64($0[frt])! })
            let report = runCLI(
                ["report", "response-times", "--db", db, "--from", from, "--to", to, "--format", "json"], in: dir.path)
            #expect(report.code == 0, "\(report.stderr)")
            let body = try #require(json(report.stdout) as? [String: Any])
            let block = try #require((body["summary"] as? [String: Any])?["first_response"] as? [String: Any])
            #expect(block["n"] as? Int == inRange.count)
            #expect((block["median"] as? Int).map(Int64.init) == expected, "\(from)…\(to)")
        }
    }

    @Test func noCustomerDataAndNDJSONAgrees() throws {
        let csv = runCLI(["export", "tickets", "--db", db, "--from", "2026-11-01", "--to", "2026-11-20"], in: dir.path)
        let ndjson = runCLI(
            ["export", "tickets", "--db", db, "--from", "2026-11-01", "--to", "2026-11-20", "--format", "ndjson"], in: dir.path)
        #expect(csv.code == 0 && ndjson.code == 0)
        let snapshot = try Snapshot(path: db, mode: .readOnly)
        let customers = try snapshot.persons().filter { $0.personType == "customer" }
        for p in customers.prefix(200) {
            for secret in [p.email, p.lastName].compactMap({ $0 }) where secret.count > 3 {
                #expect(!csv.stdout.contains(secret) && !ndjson.stdout.contains(secret))
            }
        }
        let csvRows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
        let jsonRows = ndjson.stdout.split(separator: "\n")
        #expect(csvRows == jsonRows.count && csvRows > 0)
        let first = try #require(json(String(jsonRows[0])) as? [String: Any])
        #expect(first.keys.count == 16 && first["ticket_id"] is Int)
        #expect(String(describing: first["created_at"]!).hasPrefix("2026-11-"))
    }

    @Test(arguments: [
        (["export"], "tickets"), (["export", "users"], "users"), (["export", "tickets", "--format", "xml"], "xml"),
    ])
    func badInputExitsTwo(_ args: [String], _ named: String) {
        let r = runCLI(args + ["--db", db], in: dir.path)
        #expect(r.code == 2 && r.stderr.contains(named), "\(r.stderr)")
    }
}
