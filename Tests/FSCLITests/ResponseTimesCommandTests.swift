import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// `fsreport report response-times` over ``makeSmallSnapshot(at:timezone:)``: T1 created
/// 11-18 10:00, Ada answers 12:00 (FRT 7200); T2 created 11-19 23:59:59, Bob answers
/// 11-20 07:00 (FRT 25201), the customer writes at 08:00 (no answer yet); T3 new, unanswered.
@Suite struct ResponseTimesCommandTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("snap.sqlite") }

    init() throws { try makeSmallSnapshot(at: dir.file("snap.sqlite")) }

    func run(_ extra: [String]) -> CLIRun {
        runCLI(["report", "response-times", "--db", db, "--from", "2026-11-18", "--to", "2026-11-20"] + extra, in: dir.path)
    }

    @Test func jsonBodyAsSemanticsSays() throws {
        let r = run(["--format", "json", "--now", "2026-11-20 12:00:00"])
        #expect(r.code == 0, "\(r.stderr)")
        let body = try #require(json(r.stdout) as? [String: Any])
        let summary = try #require(body["summary"] as? [String: Any])
        let frt = try #require(summary["first_response"] as? [String: Any])
        // [7200, 25201]: mean 32401 / 2 = 16200.5 → 16201 = median; p90 7200 + 0.9 · 18001 = 23400.9 → 23401.
        #expect(frt["n"] as? Int == 2)
        #expect(frt["mean"] as? Int == 16201 && frt["median"] as? Int == 16201)
        #expect(frt["p90"] as? Int == 23401 && frt["max"] as? Int == 25201)
        #expect(
            frt["buckets"] as? [String: Int] == ["0-1h": 0, "1-4h": 1, "4-8h": 1, "8-24h": 0, "1-3d": 0, "3-7d": 0, "7d+": 0])
        let reply = try #require(summary["reply_time"] as? [String: Any])
        #expect(reply["n"] as? Int == 0 && reply["median"] is NSNull && reply["mean"] is NSNull)
        #expect(summary["unanswered"] as? Int == 1 && summary["unanswered_now"] as? Int == 1)
        #expect(summary["stored_differs"] as? Int == 0)
        #expect(body["groups"] == nil)
        // Day labels; 11-19 had no first reply.
        let series = try #require(body["series"] as? [String: Any])
        #expect(series["2026-11-18"] as? Int == 7200 && series["2026-11-19"] is NSNull && series["2026-11-20"] as? Int == 25201)
    }

    @Test func csvOneRowPerAgent() {
        let r = run(["--format", "csv", "--by", "agent"])
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("agent,1,Ada Admin,1,7200,7200,7200,7200,0,,,,"))
        #expect(lines[2].hasPrefix("agent,2,Bob Baker,1,25201,"))
    }

    @Test func comparePreviousAddsThePrecedingPeriod() throws {
        let r = run(["--format", "json", "--compare", "previous"])
        #expect(r.code == 0, "\(r.stderr)")
        let body = try #require(json(r.stdout) as? [String: Any])
        // 11-15 … 11-17: no first reply there.
        let previous = try #require((body["previous"] as? [String: Any])?["first_response"] as? [String: Any])
        #expect(previous["n"] as? Int == 0)
        #expect((body["change"] as? [String: Any])?["first_response_median"] is NSNull)
    }

    @Test(arguments: [
        (["--by", "weekday"], "weekday"), (["--compare", "last-year"], "last-year"), (["--format", "html"], "html"),
        (["--agent", "5"], "5"), (["--priority", "urgent"], "urgent"),
    ])
    func badValuesExitTwoNamingThem(_ extra: [String], _ named: String) {
        let r = run(extra)
        #expect(r.code == 2)
        #expect(r.stderr.contains(named), "\(r.stderr)")
    }

    @Test func otherReportsRefuseTheNewOptions() {
        let r = runCLI(["report", "overall", "--db", db, "--by", "agent"], in: dir.path)
        #expect(r.code == 2 && r.stderr.contains("--by"))
    }
}
