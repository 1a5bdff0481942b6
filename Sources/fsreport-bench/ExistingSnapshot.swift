import FSCLI
import FSColumnar
import FSSnapshot

/// What a bench section that re-measures on an already generated snapshot (`response-times`,
/// `sla`) starts from: its options (`--runs`, `--sql-runs`, `--now`, `--db`), the snapshot
/// opened read-only with SQLite set up for reading as the `reports` section does, and its
/// columns from the column cache.
struct ExistingSnapshot {
    let runs: Int64
    let sqlRuns: Int64
    let now: Int64
    let snapshot: Snapshot
    let store: ColumnarStore
    let reports: ReportColumns

    init(_ args: ParsedArguments, _ env: Environment) throws {
        runs = try args.value("runs").map { try ArgumentValue.integer($0, option: "runs", range: 1...1000) } ?? 5
        sqlRuns =
            try args.value("sql-runs").map { try ArgumentValue.integer($0, option: "sql-runs", range: 1...100) } ?? 1
        now =
            try args.value("now").map { try ArgumentValue.timestamp($0, option: "now") }
            ?? LocalTime.parse("2026-11-20 12:00:00")!
        snapshot = try CommandSupport.openSnapshot(
            env.path(args.value("db") ?? ".fsreport/bench-1000000.sqlite"), mode: .readOnly)
        (store, reports) = try CommandSupport.loadColumns(snapshot)
        try snapshot.database.execute("PRAGMA mmap_size = 8589934592; PRAGMA cache_size = -1048576;")
    }
}
