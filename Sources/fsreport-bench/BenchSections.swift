import FSCLI
import FSColumnar
import FSGenerator
import FSRender
import FSReports
import FSSnapshot
import FSTestSupport
import Foundation

/// The `extract` and `dashboard` sections of `fsreport-bench`.
enum BenchSections {
    /// Extraction throughput against the in-process emulator at concurrency 1 and 8, with
    /// peak memory (``ExtractBenchmark``). `--tickets` defaults to 50,000 here.
    static func extract(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        if args.flag("incremental") {
            let sizes = try (args.value("sizes") ?? "10000,100000,1000000").split(separator: ",").map {
                Int(try ArgumentValue.integer(String($0), option: "sizes", range: 100...5_000_000))
            }
            let oldUpTo = try args.value("old-up-to").map {
                Int(try ArgumentValue.integer($0, option: "old-up-to", range: 0...5_000_000))
            }
            try IncrementalExtractBenchmark.run(sizes: sizes, oldUpTo: oldUpTo ?? .max, output: { env.stdout.line($0) })
            return ExitCode.ok
        }
        let tickets =
            try args.value("tickets").map { try ArgumentValue.integer($0, option: "tickets", range: 10...5_000_000) } ?? 50_000
        try ExtractBenchmark.run(tickets: Int(tickets), concurrencies: [1, 8], output: { env.stdout.line($0) })
        return ExitCode.ok
    }

    /// Computing the dashboard's reports vs rendering its files, on a generated helpdesk
    /// of the demo's size (`--tickets`, default 3,000) or on `--db`.
    static func dashboard(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let runs = try args.value("runs").map { try ArgumentValue.integer($0, option: "runs", range: 1...1000) } ?? 5
        let now =
            try args.value("now").map { try ArgumentValue.timestamp($0, option: "now") }
            ?? LocalTime.parse("2026-11-20 12:00:00")!
        let store: ColumnarStore
        var temporary: URL?
        defer { temporary.map { try? FileManager.default.removeItem(at: $0) } }
        if let db = args.value("db") {
            store = try CommandSupport.loadStore(try CommandSupport.openSnapshot(env.path(db), mode: .readOnly))
        } else {
            let tickets =
                try args.value("tickets").map { try ArgumentValue.integer($0, option: "tickets", range: 1...5_000_000) } ?? 3000
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsreport-bench-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            temporary = directory
            let snapshot = try Snapshot(path: directory.appendingPathComponent("demo.sqlite").path, mode: .create)
            try HelpdeskGenerator.write(GeneratorConfig(tickets: Int(tickets), now: now), to: snapshot)
            store = try ColumnarStore.load(from: snapshot)
        }
        try DashboardBenchmark.run(
            iterations: Int(runs), compute: { try DashboardData.compute(store: store, now: now, lastSync: nil) },
            log: { env.stdout.line($0) })
        return ExitCode.ok
    }
}
