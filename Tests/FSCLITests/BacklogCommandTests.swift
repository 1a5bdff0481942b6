import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// `fsreport report backlog` over ``makeSmallSnapshot(at:timezone:)``: T1 created 11-18
/// 10:00, closed (no event: resolved_at) 11-19 09:00; T2 created 11-19 23:59:59, waiting
/// since 11-20 08:00 (its customer wrote after the agent); T3 new, created 11-20 00:00:00.
@Suite struct BacklogCommandTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("snap.sqlite") }

    init() throws { try makeSmallSnapshot(at: dir.file("snap.sqlite")) }

    func run(_ extra: [String], range: [String] = ["--from", "2026-11-18", "--to", "2026-11-20"]) -> CLIRun {
        runCLI(["report", "backlog", "--db", db, "--now", "2026-11-20 12:00:00"] + range + extra, in: dir.path)
    }

    @Test func jsonBodyAsSemanticsSays() throws {
        let r = run(["--format", "json"])
        #expect(r.code == 0, "\(r.stderr)")
        let body = try #require(json(r.stdout) as? [String: Any])
        let stats = try #require(body["stats"] as? [String: [String: Int]])
        // 11-18: T1 created → 1 open. 11-19: T2 created at 23:59:59, T1 closed → 1. 11-20: T3 → 2.
        #expect(stats["2026-11-18"] == ["open": 1, "created": 1, "closed": 0, "reopened": 0])
        #expect(stats["2026-11-19"] == ["open": 1, "created": 1, "closed": 1, "reopened": 0])
        #expect(stats["2026-11-20"] == ["open": 2, "created": 1, "closed": 0, "reopened": 0])
        let aging = try #require(body["aging"] as? [String: [String: Int]])
        // T2 is 12:00:01 old, T3 12:00:00: both 0-1d; T2 waits 4 h.
        #expect(aging["open"] == ["0-1d": 2, "1-3d": 0, "3-7d": 0, "7-30d": 0, "30d+": 0])
        #expect(aging["waiting"] == ["0-1d": 1, "1-3d": 0, "3-7d": 0, "7-30d": 0, "30d+": 0])
    }

    @Test func csvDaysThenAging() {
        let r = run(["--format", "csv", "--agent", "2"])
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 3 + 5)
        #expect(lines[0] == "section,key,open,created,closed,reopened,waiting")
        #expect(lines[1] == "day,2026-11-18,0,0,0,0,")
        #expect(lines[2] == "day,2026-11-19,1,1,0,0,")  // Bob's T2
        #expect(lines[4] == "aging,0-1d,1,,,,1")
    }

    @Test(arguments: [
        (["--agent", "5"], "5"), (["--product", "7"], "7"), (["--mailbox", "8"], "8"), (["--format", "html"], "html"),
        (["--interval", "week"], "--interval"), (["--by", "agent"], "--by"),
        (["--from", "2026-11-21", "--to", "2026-11-20"], "2026-11-21"), (["--to", "2026-13-01"], "2026-13-01"),
    ])
    func badValuesExitTwoNamingThem(_ extra: [String], _ named: String) {
        let r = extra.contains("--from") || extra.contains("--to") ? run(extra, range: []) : run(extra)
        #expect(r.code == 2)
        #expect(r.stderr.contains(named), "\(r.stderr)")
    }

    @Test func helpListsTheReport() {
        let r = runCLI(["report", "--help"], in: dir.path)
        #expect(r.code == 0 && r.stdout.contains("backlog"))
    }
}
