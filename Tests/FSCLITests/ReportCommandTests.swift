import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@Suite struct ReportCommandTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("snap.sqlite") }

    init() throws { try makeSmallSnapshot(at: dir.file("snap.sqlite")) }

    @Test func overallJSONIsTheEndpointBody() throws {
        let run = runCLI(["report", "overall", "--db", db, "--format", "json"], in: dir.path)
        #expect(run.code == 0)
        #expect(run.stderr == "")
        let body = try #require(json(run.stdout) as? [String: Any])
        let overall = try #require(body["overall_reports"] as? [String: [String: Any]])
        // T3 new, T2 active, T1 closed; responses: conversations 1, 2, 3 (4 is a note).
        #expect(overall["new_tickets"]?["count"] as? Int == 1)
        #expect(overall["active_tickets"]?["count"] as? Int == 1)
        #expect(overall["closed_tickets"]?["count"] as? Int == 1)
        #expect(overall["responses"]?["count"] as? Int == 3)
        #expect(overall["responses"]?["title"] as? String == "Responses")
    }

    @Test func growthSeriesWithRangeAndCSV() throws {
        let run = runCLI(
            ["report", "tickets-growth", "--db", db, "--from", "2026-11-18", "--to", "2026-11-20", "--format", "csv"],
            in: dir.path)
        #expect(run.code == 0)
        // T1 on 11-18, T2 on 11-19 at 23:59:59, T3 on 11-20 at 00:00:00.
        #expect(run.stdout == "period,count\r\n2026-11-18,1\r\n2026-11-19,1\r\n2026-11-20,1\r\n")
    }

    @Test func agentsSummaryUsesNowForWaiting() throws {
        let run = runCLI(
            [
                "report", "agents-summary", "--db", db, "--from", "2026-11-18", "--to", "2026-11-20", "--now",
                "2026-11-20 12:00:00", "--format", "json",
            ], in: dir.path)
        #expect(run.code == 0)
        let summary = try #require((json(run.stdout) as? [String: Any])?["summary"] as? [[String: Any]])
        #expect(summary.map { $0["id"] as? Int } == [1, 2])
        let bob = summary[1]
        let stats = try #require(bob["stats"] as? [String: Int])
        // Bob: one response (3) on T2, T2 open and waiting since 08:00 → 4 h at 12:00.
        #expect(stats == ["interactions": 1, "responses": 1, "opens": 1, "closed": 0, "waiting_tickets": 1])
        let active = try #require(bob["active_stat"] as? [String: Any])
        #expect(active["average_waiting"] as? String == "4 hours")  // 14,400 s: ceil(4.0) hours
        #expect(active["max_waiting"] as? String == "4 hours")
        #expect(active["max_waiting_seconds"] as? Int == 14_400)
        #expect(bob["email"] == nil)
        // Ada has nothing waiting: the endpoint sends the number 0.
        let ada = try #require(summary[0]["active_stat"] as? [String: Any])
        #expect(ada["average_waiting"] as? Int == 0)
        #expect(ada["average_waiting_seconds"] is NSNull)
    }

    @Test func outputFileIsWrittenAndTableIsAligned() throws {
        let out = dir.file("out/overall.txt")
        let run = runCLI(["report", "overall", "--db", db, "--format", "table", "--output", out], in: dir.path)
        #expect(run.code == 0)
        #expect(run.stdout == "")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines[0].hasPrefix("key"))
        #expect(lines.count == 6)  // header, rule, four counters
        #expect(lines.dropFirst().allSatisfy { $0.count == lines[1].count })
    }

    @Test func personalReport() throws {
        let run = runCLI(["report", "my-overall", "--db", db, "--agent", "2", "--format", "json"], in: dir.path)
        #expect(run.code == 0)
        let overall = try #require((json(run.stdout) as? [String: Any])?["overall_reports"] as? [String: [String: Any]])
        // Bob wrote 3 (response) and 4 (note): 2 replies; 1 interaction (T2); no closed tickets.
        #expect(overall["replies_count"]?["count"] as? Int == 2)
        #expect(overall["interactions_count"]?["count"] as? Int == 1)
        #expect(overall["total_closed"]?["count"] as? Int == 0)
    }

    @Test(
        arguments: [
            (["report", "overall", "--from", "2026-13-01"], "--from \"2026-13-01\" is not a date"),
            (["report", "tickets-growth", "--from", "2026-02-30"], "--from \"2026-02-30\" is not a date"),
            (["report", "tickets-growth", "--to", "yesterday"], "--to \"yesterday\" is not a date"),
            (
                ["report", "tickets-growth", "--from", "2026-11-20", "--to", "2026-11-01"],
                "--from 2026-11-20 is after --to 2026-11-01"
            ),
            (["report", "tickets-grow"], "unknown report \"tickets-grow\""),
            (["report"], "which report?"),
            (["report", "my-overall"], "needs --agent"),
            (["report", "my-summary", "--agent", "999"], "--agent 999 is not an agent"),
            (["report", "my-summary", "--agent", "5"], "--agent 5 is not an agent"),
            (["report", "my-summary", "--agent", "abc"], "--agent \"abc\" is not a whole number"),
            (["report", "overall", "--format", "xml"], "unknown --format \"xml\""),
            (["report", "tickets-growth", "--interval", "fortnight"], "unknown --interval \"fortnight\""),
            (["report", "tickets-growth", "--product", "42"], "--product 42 is not a product"),
            (["report", "overall", "--bogus"], "unknown option --bogus"),
            (["report", "overall", "--now", "2026-11-20"], nil),  // a bare date is midnight: accepted
            (["report", "overall", "--now", "noon"], "--now \"noon\" is not a timestamp"),
            (["frobnicate"], "unknown command \"frobnicate\""),
        ] as [([String], String?)])
    func badInputExitsTwoAndWritesNothing(arguments: [String], message: String?) throws {
        let out = dir.file("never.json")
        let run = runCLI(arguments + ["--db", db, "--output", out], in: dir.path)
        guard let message else {
            #expect(run.code == 0)
            return
        }
        #expect(run.code == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains(message), "stderr was: \(run.stderr)")
        #expect(run.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func missingSnapshotSaysWhereItLookedAndWhatToRun() {
        let run = runCLI(["report", "overall"], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains(dir.path + "/.fsreport/snapshot.sqlite"))
        #expect(run.stderr.contains("fsreport demo"))
        #expect(run.stderr.contains("fsreport extract"))
        // FSREPORT_DB is honoured.
        let env = runCLI(["report", "overall"], in: dir.path, variables: ["FSREPORT_DB": db])
        #expect(env.code == 0)
    }

    @Test func corruptFileIsNotASnapshot() throws {
        let bad = dir.file("bad.sqlite")
        try Data("this is not a database, just some text that is long enough to look like a file header".utf8).write(
            to: URL(fileURLWithPath: bad))
        let before = try Data(contentsOf: URL(fileURLWithPath: bad))
        let run = runCLI(["report", "overall", "--db", bad], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("\(bad) is not an fsreport snapshot"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: bad)) == before)
    }

    @Test(arguments: [
        ("empty.sqlite", "the file is empty"),
        ("folder.sqlite", "it is a directory"),
        ("truncated.sqlite", "the database is damaged or truncated"),
    ])
    func unusableSnapshotFilesAreNamedNotSQLiteErrors(name: String, reason: String) throws {
        let path = dir.file(name)
        switch name {
        case "empty.sqlite": FileManager.default.createFile(atPath: path, contents: Data())
        case "folder.sqlite": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        default:
            // The first 4 KiB page of a real snapshot, the rest cut off.
            let whole = try Data(contentsOf: URL(fileURLWithPath: db))
            try whole.prefix(4096).write(to: URL(fileURLWithPath: path))
        }
        let run = runCLI(["report", "overall", "--db", path], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("\(path) is not an fsreport snapshot (\(reason)"), "\(run.stderr)")
    }

    @Test func missingSnapshotPointsAtTheDemo() throws {
        try FileManager.default.createDirectory(atPath: dir.file(".fsreport"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: db, toPath: dir.file(".fsreport/demo.sqlite"))
        let run = runCLI(["report", "overall"], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("hint: the demo's synthetic helpdesk is at"))
        #expect(run.stderr.contains("add --db .fsreport/demo.sqlite"))
    }

    @Test func outputExtensionPicksTheFormat() throws {
        #expect(runCLI(["report", "overall", "--db", db, "--output", "o.csv"], in: dir.path).code == 0)
        #expect(try String(contentsOfFile: dir.file("o.csv"), encoding: .utf8).hasPrefix("key,title,count\r\n"))
        #expect(runCLI(["report", "overall", "--db", db, "--output", "o.html"], in: dir.path).code == 0)
        #expect(try String(contentsOfFile: dir.file("o.html"), encoding: .utf8).hasPrefix("<!doctype html>"))
        #expect(runCLI(["report", "overall", "--db", db, "--output", "o.out"], in: dir.path).code == 0)
        #expect(json(try String(contentsOfFile: dir.file("o.out"), encoding: .utf8)) != nil)
    }

    @Test func helpListsEveryOptionWithDefaults() {
        let run = runCLI(["report", "--help"], in: dir.path)
        #expect(run.code == 0)
        for option in [
            "--db", "--from", "--to", "--agent", "--product", "--mailbox", "--interval", "--now", "--format", "--output",
        ] {
            #expect(run.stdout.contains(option), "\(option) missing from help")
        }
        #expect(run.stdout.contains("(default: .fsreport/snapshot.sqlite)"))
        #expect(run.stdout.contains("agents-summary"))
        let top = runCLI(["--help"], in: dir.path)
        #expect(top.code == 0)
        for command in ["extract", "report", "query", "dashboard", "nightly", "demo"] {
            #expect(top.stdout.contains("  \(command) "))
        }
        for command in ["extract", "report", "query", "dashboard", "nightly", "demo"] {
            let help = runCLI([command, "--help"], in: dir.path)
            #expect(help.code == 0 && help.stdout.contains("USAGE: fsreport \(command)"), "\(command) --help")
        }
    }
}
