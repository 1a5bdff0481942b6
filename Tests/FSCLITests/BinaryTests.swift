import FSTestSupport
import Foundation
import Testing

/// A few runs of the built executable: real argv, stdout, stderr and exit status.
@Suite struct BinaryTests {
    func run(_ arguments: [String], in directory: String, binary name: String = "fsreport") throws -> (
        code: Int32, stdout: String, stderr: String
    ) {
        let result = try BinaryRunner.run(arguments, binary: name, environment: [:], directory: directory)
        return (result.status, result.stdout, result.stderr)
    }

    @Test func reportThroughTheBinary() throws {
        let dir = TemporaryDirectory()
        try makeSmallSnapshot(at: dir.file("s.sqlite"))
        let ok = try run(
            ["report", "tickets-growth", "--db", "s.sqlite", "--from", "2026-11-19", "--to", "2026-11-20"], in: dir.path)
        #expect(ok.code == 0)
        // Not a terminal: JSON by default. T2 on 11-19, T3 on 11-20.
        let stats = (json(ok.stdout) as? [String: Any])?["stats"] as? [String: Int]
        #expect(stats == ["2026-11-19": 1, "2026-11-20": 1])
        #expect(ok.stdout.range(of: "2026-11-19")!.lowerBound < ok.stdout.range(of: "2026-11-20")!.lowerBound)
    }

    /// Benchmarks live in `fsreport-bench`; the product binary has no `bench` command.
    @Test func theProductBinaryHasNoBenchCommand() throws {
        let dir = TemporaryDirectory()
        let bench = try run(["bench"], in: dir.path)
        #expect(bench.code == 2)
        #expect(bench.stderr.contains("unknown command \"bench\""))
    }

    @Test func usageErrorThroughTheBinary() throws {
        let dir = TemporaryDirectory()
        let bad = try run(["report", "overall", "--db", "missing.sqlite"], in: dir.path)
        #expect(bad.code == 2)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("no snapshot at \(dir.path)/missing.sqlite"))
        let none = try run([], in: dir.path)
        #expect(none.code == 2)
        #expect(none.stdout.contains("USAGE: fsreport <command>"))
    }

    /// The benchmark at a small scale: no timings asserted, but it must run, and its SQL
    /// cross-check must find every report equal.
    @Test func benchRunsAtSmallScaleAndEveryReportMatchesSQL() throws {
        let dir = TemporaryDirectory()
        let run = try run(
            ["--tickets", "2000", "--runs", "1", "--sql-runs", "1", "--db", "bench.sqlite", "--json"], in: dir.path,
            binary: "fsreport-bench")
        #expect(run.code == 0, "\(run.stderr)")
        let figures = try #require(json(run.stdout) as? [String: Any])
        let reports = try #require(figures["reports"] as? [[String: Any]])
        #expect(reports.count >= 9)
        #expect(reports.allSatisfy { $0["matches_sql"] as? Bool == true })
        #expect((figures["load"] as? [String: Any])?["cache_round_trip"] as? Bool == true)
        let sections = [
            (["dashboard", "--tickets", "200", "--runs", "1"], "dashboard: compute reports"),
            (["extract", "--tickets", "40"], "concurrency  8:"),
            (["--help"], "USAGE: fsreport-bench"),
        ]
        for (arguments, expected) in sections {
            let section = try self.run(arguments, in: dir.path, binary: "fsreport-bench")
            #expect(section.code == 0, "\(arguments): \(section.stderr)")
            #expect(section.stdout.contains(expected), "\(arguments): \(section.stdout)")
        }
    }
}
