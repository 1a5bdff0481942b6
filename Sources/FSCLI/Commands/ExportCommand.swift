import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport export tickets`: the per-ticket export, streamed in chunks (the output is
/// never held whole in memory); with `--output` written beside the file and renamed over it.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export",
        summary: "Export one row per ticket (ids and figures, no customer data) as CSV or NDJSON.",
        usage:
            "fsreport export tickets [--db PATH] [--from DATE] [--to DATE] [--sla FILE] [--hours FILE] [--now TIMESTAMP] "
            + "[--format csv|ndjson] [--output FILE]",
        options: [
            CommandSupport.dbOption,
            OptionSpec("from", value: "DATE", help: "Only tickets created on or after this day (YYYY-MM-DD, site-local)."),
            OptionSpec("to", value: "DATE", help: "Only tickets created on or before this day."),
            OptionSpec(
                "sla", value: "FILE",
                help: "SLA targets (and business hours): adds sla_first_response, sla_next_response, sla_resolution."),
            OptionSpec("hours", value: "FILE", help: "Business hours for a business SLA clock given in --sla."),
            CommandSupport.nowOption,
            OptionSpec("format", value: "csv|ndjson", help: "Output format.", default: "csv"),
            OptionSpec("output", value: "FILE", help: "Write to FILE (atomically) instead of standard output."),
        ],
        details: "COLUMNS: " + TicketExport.columns.joined(separator: ", ")
            + "\nWith --sla, one sla_<target> column per configured target: met, breached (also: open and past"
            + "\nthe target now), or empty (no target, or still within it)."
            + "\nTimes are site-local `YYYY-MM-DD HH:MM:SS`; durations are seconds. See docs/warehouse.md.")

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        guard let what = args.positionals.first else {
            throw CLIError.usage("export what? the one export is `tickets`", hint: "fsreport export tickets --format csv")
        }
        guard what == "tickets", args.positionals.count == 1 else {
            throw CLIError.usage("unknown export \"\(args.positionals.joined(separator: " "))\"; the one export is `tickets`")
        }
        let format = args.value("format") ?? "csv"
        guard format == "csv" || format == "ndjson" else {
            throw CLIError.usage("unknown --format \"\(format)\" (expected csv or ndjson)")
        }
        let from = try args.value("from").map { try ArgumentValue.date($0, option: "from") }
        let to = try args.value("to").map { try ArgumentValue.date($0, option: "to") }
        if let from, let to, from > to {
            throw CLIError.usage(ReportError.fromAfterTo(from: args.value("from")!, to: args.value("to")!).description)
        }
        let config = try SLAConfig.fromArguments(args, env)
        if let config, config.targets == nil {
            throw CLIError.usage("--hours alone adds nothing to the export; give the targets with --sla FILE")
        }
        let snapshot = try CommandSupport.openSnapshot(CommandSupport.databasePath(args, env), mode: .readOnly)
        let (store, reports) = try CommandSupport.loadColumns(snapshot)
        var standings: [SLATargets.Kind: [SLA.Standing]] = [:]
        if let config, let targets = config.targets {
            try config.check(store: store, extras: reports.tickets)
            let clock = try snapshot.siteClock()
            let now = try CommandSupport.now(args, clock: clock, env: env)
            standings = SLA.standings(
                store: store, columns: reports.responses, extras: reports.tickets, targets: targets,
                business: try config.businessTime(store: store, site: clock, now: now), now: now)
        }
        let export = TicketExport(
            store: store, replies: reports.responses, history: reports.history, extras: reports.tickets, sla: standings)
        let rows = export.rows(from: from, to: to)
        func stream(_ sink: (String) throws -> Void) throws {
            var chunk = format == "csv" ? export.csvHeaderLine : ""
            for r in rows {
                chunk += format == "csv" ? export.csvLine(row: r) : export.ndjsonLine(row: r)
                if chunk.utf8.count >= 1 << 16 {
                    try sink(chunk)
                    chunk = ""
                }
            }
            if !chunk.isEmpty { try sink(chunk) }
        }
        if let output = args.value("output") {
            let path = env.path(output)
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary.path)
            else { throw CLIError.runtime("cannot write \(temporary.path)") }
            do {
                try stream { try handle.write(contentsOf: Data($0.utf8)) }
                try handle.close()
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            if rename(temporary.path, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw CLIError.runtime("cannot write \(path): \(reason)")
            }
        } else {
            try stream { env.stdout.write($0) }
        }
        return ExitCode.ok
    }
}
