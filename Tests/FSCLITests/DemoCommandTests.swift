import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@Suite struct DemoCommandTests {
    @Test func demoWritesEveryReportAndASecondRunReplacesThemCleanly() throws {
        let dir = TemporaryDirectory()
        let args = ["demo", "--tickets", "400", "--now", "2026-11-20 15:00:00"]
        let first = runCLI(args, in: dir.path)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file(".fsreport/demo.sqlite")))
        let files = dir.files(under: "output/site")
        for expected in [
            "api/reports.json", "api/reports/tickets-growth.json", "api/reports/tickets-resolve-growth.json",
            "api/reports/response-growth.json", "api/reports/agents-summary.json",
        ] {
            #expect(files.contains(expected), "\(expected) missing")
        }
        #expect(files.contains { $0.hasPrefix("csv/") && $0.hasSuffix(".csv") })
        let overall = try String(contentsOfFile: dir.file("output/site/api/reports.json"), encoding: .utf8)

        // A second run with a different seed replaces the snapshot and the files; nothing
        // is left beside them.
        let second = runCLI(args + ["--seed", "9"], in: dir.path)
        #expect(second.code == 0, "\(second.stderr)")
        #expect(dir.files(under: "output/site") == files)
        #expect(try String(contentsOfFile: dir.file("output/site/api/reports.json"), encoding: .utf8) != overall)
        let leftovers =
            try FileManager.default.contentsOfDirectory(atPath: dir.file("output"))
            + FileManager.default.contentsOfDirectory(atPath: dir.file(".fsreport"))
        // (SQLite's -wal/-shm companions of the WAL-mode snapshot and its column cache may
        // stay beside it.)
        let companions = ["-wal", "-shm", ".columns"]
        #expect(
            leftovers.filter { name in !companions.contains { name.hasSuffix($0) } }.sorted() == [
                "demo.sqlite", "site", "sla.json",
            ])
    }

    @Test func demoNeverTouchesTheRealSnapshot() throws {
        let dir = TemporaryDirectory()
        let real = dir.file("real.sqlite")
        try makeSmallSnapshot(at: real)
        let before = try Data(contentsOf: URL(fileURLWithPath: real))
        let run = runCLI(["demo", "--tickets", "50", "--snapshot-only"], in: dir.path, variables: ["FSREPORT_DB": real])
        #expect(run.code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: real)) == before)
    }

    @Test func demoRefusesToOverwriteAFileItDidNotGenerate() throws {
        let dir = TemporaryDirectory()
        try makeSmallSnapshot(at: dir.file("real.sqlite"))  // no meta source: an extraction's
        try Data("notes".utf8).write(to: URL(fileURLWithPath: dir.file("notes.txt")))
        for name in ["real.sqlite", "notes.txt"] {
            let before = try Data(contentsOf: URL(fileURLWithPath: dir.file(name)))
            let run = runCLI(["demo", "--tickets", "20", "--db", name], in: dir.path)
            #expect(run.code == 2)
            #expect(run.stderr.contains("\(dir.file(name)) exists and is not a demo snapshot"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file(name))) == before)
        }
        // Its own snapshot it replaces.
        #expect(runCLI(["demo", "--tickets", "20", "--db", "d.sqlite", "--snapshot-only"], in: dir.path).code == 0)
        #expect(runCLI(["demo", "--tickets", "30", "--db", "d.sqlite", "--snapshot-only"], in: dir.path).code == 0)
    }

    @Test func badDemoArguments() {
        let dir = TemporaryDirectory()
        let run = runCLI(["demo", "--tickets", "-5"], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("--tickets \"-5\""))
        #expect(dir.files().isEmpty)
    }
}
