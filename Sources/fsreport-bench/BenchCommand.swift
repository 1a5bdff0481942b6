import FSCLI

/// `fsreport-bench [SECTION]`: performance figures, each paired with a baseline measured in
/// the same run. Sections:
/// - `reports` (default): generator, snapshot → columns load, column cache, every report
///   as columnar kernel vs SQL over the snapshot, memory, a cold `fsreport report` process
///   vs the `sqlite3` command line (``BenchReports``).
///
/// To add a section, append it to ``sections`` (and any options it needs to `spec`); it
/// receives the parsed arguments and the environment like a command.
enum BenchCommand {
    struct Section: Sendable {
        let name: String
        let summary: String
        let run: @Sendable (ParsedArguments, Environment) throws -> Int32
    }

    static let sections: [Section] = [
        Section(
            name: "reports", summary: "reports: columnar kernels vs SQL, load, cache, memory, cold start", run: BenchReports.run),
        Section(
            name: "extract",
            summary: "tickets/s against the API emulator at concurrency 1 and 8, peak memory (--tickets, default 50000); "
                + "with --incremental, a nightly run's requests, bytes and time at 10k/100k/1M tickets",
            run: BenchSections.extract),
        Section(
            name: "dashboard",
            summary: "computing the dashboard's reports vs rendering the site (--tickets, default 3000, or --db)",
            run: BenchSections.dashboard),
        Section(
            name: "response-times",
            summary: "response- and resolution-times vs SQL on an existing snapshot (--db, default the reports section's)",
            run: ResponseTimesBench.section),
        Section(
            name: "sla",
            summary: "sla (30 days, all time) vs SQL and the bound, business time, on an existing snapshot (--db)",
            run: SLABench.section),
    ]

    static let spec = CommandSpec(
        name: "fsreport-bench",
        summary: "Benchmark the columnar reports against SQL over the snapshot.",
        usage: """
            fsreport-bench [\(sections.map(\.name).joined(separator: "|"))] [--tickets N] \
            [--conversations-per-ticket X] [--agents N] [--days N] [--db PATH] [--runs N] [--sql-runs N] [--json]
            """,
        options: [
            OptionSpec("tickets", value: "N", help: "Tickets of the generated helpdesk.", default: "1000000"),
            OptionSpec("conversations-per-ticket", value: "X", help: "Average conversations per ticket.", default: "10"),
            OptionSpec("agents", value: "N", help: "Agents.", default: "200"),
            OptionSpec("days", value: "N", help: "Days of history.", default: "730"),
            OptionSpec("seed", value: "N", help: "Generator seed.", default: "42"),
            OptionSpec(
                "now", value: "TIMESTAMP", help: "Site-local end of the generated history.", default: "2026-11-20 12:00:00"),
            OptionSpec(
                "db", value: "PATH",
                help: "Benchmark snapshot; reused when it was generated at the same scale, else regenerated.",
                default: ".fsreport/bench-<tickets>.sqlite"),
            OptionSpec("runs", value: "N", help: "Timed runs per figure (medians are reported).", default: "5"),
            OptionSpec("sql-runs", value: "N", help: "Timed runs per SQL baseline.", default: "min(runs, 3)"),
            OptionSpec("bulk-load", help: "Generate in the snapshot's bulk-load mode (index built once at the end)."),
            OptionSpec("json", help: "Print the figures as JSON (for tracking) instead of tables."),
            OptionSpec(
                "incremental",
                help: "extract: one nightly run after the same day of activity at several sizes, changes-only vs "
                    + "every page listed (100 ms per request, 4 server workers)."),
            OptionSpec("sizes", value: "N,N,...", help: "extract --incremental: site sizes.", default: "10000,100000,1000000"),
            OptionSpec(
                "old-up-to", value: "N", help: "extract --incremental: run the every-page strategy only up to this size.",
                default: "every size"),
        ],
        details: "SECTIONS:\n"
            + sections.map { "  \($0.name.padding(toLength: 16, withPad: " ", startingAt: 0))\($0.summary)" }
            .joined(separator: "\n"))

    /// The `fsreport-bench` executable: `arguments` without the program name.
    static func main(_ arguments: [String], environment: Environment = Environment()) -> Int32 {
        FSCLI.run(spec, run, arguments, environment: environment)
    }

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let name = args.positionals.first ?? "reports"
        guard args.positionals.count <= 1 else {
            throw CLIError.usage("unexpected argument \"\(args.positionals[1])\"; fsreport-bench takes at most one SECTION")
        }
        guard let section = sections.first(where: { $0.name == name }) else {
            throw CLIError.usage(
                "unknown bench section \"\(name)\"", hint: "sections are \(sections.map(\.name).joined(separator: ", "))")
        }
        return try section.run(args, env)
    }
}
