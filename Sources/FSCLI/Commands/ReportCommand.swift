import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport report NAME ...`: one report from the local snapshot.
enum ReportCommand {
    static let formats = ["json", "csv", "table", "html"]

    static let spec = CommandSpec(
        name: "report",
        summary: "Compute one report from the local snapshot.",
        usage: """
            fsreport report NAME [--db PATH] [--from DATE] [--to DATE] [--agent ID] [--product ID] \
            [--mailbox ID] [--interval auto|hour|day|week|month] [--type ticket|agent-response|customer-response] \
            [--now TIMESTAMP] [--format json|csv|table|html] [--output FILE]
            fsreport report response-times|resolution-times [--from --to] [--agent] [--product] [--mailbox] [--priority NAME] \
            [--by agent|mailbox|product|priority] [--compare previous] [--hours FILE | --sla FILE]
            fsreport report sla --sla FILE [--hours FILE] [--from --to] [--agent] [--product] [--mailbox] [--priority NAME] \
            [--by agent|mailbox|product|priority] [--format json|csv|table]
            fsreport report backlog [--from --to] [--agent] [--product] [--mailbox] [--format json|csv|table]
            """,
        options: [
            CommandSupport.dbOption,
            OptionSpec(
                "from", value: "DATE", help: "First day, inclusive (YYYY-MM-DD, site-local).",
                default: "to − 30 days for series and backlog, today for summaries, all time for stats and day-time-stats"),
            OptionSpec("to", value: "DATE", help: "Last day, inclusive (YYYY-MM-DD).", default: "today"),
            OptionSpec(
                "agent", value: "ID",
                help: "Agent (person id); required by my-* reports; day-time-stats takes it only with --type agent-response."),
            OptionSpec("product", value: "ID", help: "Only tickets of this product (growth series, stats, backlog)."),
            OptionSpec("mailbox", value: "ID", help: "Only tickets of this mailbox (growth series, stats, backlog)."),
            OptionSpec("interval", value: "auto|hour|day|week|month", help: "Bucket size of growth series.", default: "auto"),
            OptionSpec(
                "type", value: "ticket|agent-response|customer-response",
                help: "What day-time-stats counts: tickets created, agents' or customers' responses.", default: "ticket"),
            OptionSpec("priority", value: "NAME", help: "Only tickets of this priority (response-times)."),
            OptionSpec(
                "by", value: "agent|mailbox|product|priority", help: "One group per agent, mailbox, ... (response-times)."),
            OptionSpec(
                "compare", value: "previous", help: "Also the preceding period of equal length, and the change (response-times)."),
            OptionSpec(
                "hours", value: "FILE",
                help: "Business hours (a \"business_hours\" key): response-times and resolution-times add *_business blocks."),
            OptionSpec(
                "sla", value: "FILE",
                help: "SLA targets (\"sla\") and/or business hours (\"business_hours\"); required by sla."),
            CommandSupport.nowOption,
            OptionSpec(
                "format", value: "json|csv|table|html", help: "Output format; json is the live endpoint's body.",
                default: "table on a terminal, else json"),
            OptionSpec("output", value: "FILE", help: "Write to FILE atomically instead of standard output."),
        ],
        details: "REPORTS:\n"
            + ReportName.allCases.map { "  \($0.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0))\($0.summary)" }
            .joined(separator: "\n")
            + "\n  \(ResponseTimesCommand.name.padding(toLength: 20, withPad: " ", startingAt: 0))\(ResponseTimesCommand.summary)"
            + "\n  \(ResponseTimesCommand.resolutionName.padding(toLength: 20, withPad: " ", startingAt: 0))"
            + ResponseTimesCommand.resolutionSummary
            + "\n  \(BacklogCommand.name.padding(toLength: 20, withPad: " ", startingAt: 0))\(BacklogCommand.summary)"
            + "\n  \(SLACommand.name.padding(toLength: 20, withPad: " ", startingAt: 0))\(SLACommand.summary)"
            + "\n\nauto interval: 0 days → hour, 1–62 → day, 63–181 → week, 182+ → month."
            + "\nstats and day-time-stats take both --from and --to, or neither (all time); day-time-stats"
            + "\nprints 7 rows (Mon…Sun) × 24 hours in csv and table."
            + "\nbacklog: --agent is the current assignee; csv and table print one `day` row per date (open at"
            + "\n23:59:59, created, closed, reopened), then one `aging` row per bucket (open and waiting now)."
            + "\nsla: json is attainment per target; table the same as rows; csv the open tickets past a target"
            + "\nnow, oldest first (ticket_id, target, since, elapsed_seconds, target_seconds, priority, mailbox_id,"
            + "\nproduct_id, agent_id). The file format of --hours and --sla is in docs/nightly.md.")

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        guard let nameText = args.positionals.first else {
            throw CLIError.usage(
                "which report? name one of: \(ReportName.allCases.map(\.rawValue).joined(separator: ", "))",
                hint: "e.g. fsreport report agents-summary --from 2026-11-01 --to 2026-11-30")
        }
        guard args.positionals.count == 1 else {
            throw CLIError.usage("unexpected argument \"\(args.positionals[1])\"; report takes one NAME")
        }
        if nameText == ResponseTimesCommand.name { return try ResponseTimesCommand.run(args, env) }
        if nameText == BacklogCommand.name { return try BacklogCommand.run(args, env) }
        if nameText == ResponseTimesCommand.resolutionName {
            return try ResponseTimesCommand.run(args, env, resolution: true)
        }
        if nameText == SLACommand.name { return try SLACommand.run(args, env) }
        for option in ["priority", "by", "compare", "hours", "sla"] where args.value(option) != nil {
            throw CLIError.usage(ReportError.optionNotApplicable(option: "--\(option)", report: nameText).description)
        }
        guard let name = ReportName(rawValue: nameText) else {
            throw CLIError.usage(
                "unknown report \"\(nameText)\"",
                hint: "reports are \(ReportName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let format =
            args.value("format") ?? CommandSupport.defaultFormat(output: args.value("output"), env: env, allowed: formats)
        guard formats.contains(format) else {
            throw CLIError.usage("unknown --format \"\(format)\" (expected json, csv, table or html)")
        }
        var request = try parseRequest(args, now: 0)
        if name.isPersonal, request.agentId == nil {
            throw CLIError.usage(ReportError.agentRequired(report: name.rawValue).description)
        }
        if let from = request.from, let to = request.to, from > to {
            throw CLIError.usage(ReportError.fromAfterTo(from: args.value("from")!, to: args.value("to")!).description)
        }
        if let typeText = args.value("type") {
            guard name == .dayTimeStats else {
                throw CLIError.usage(ReportError.optionNotApplicable(option: "--type", report: name.rawValue).description)
            }
            guard let type = DayTimeType(rawValue: typeText) else {
                throw CLIError.usage(
                    "unknown --type \"\(typeText)\" for day-time-stats",
                    hint: "types are \(DayTimeType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.dayTimeType = type
        } else if name == .dayTimeStats {
            request.dayTimeType = .ticket
        }
        if name == .dayTimeStats, request.agentId != nil, request.dayTimeType != .agentResponse {
            throw CLIError.usage(ReportError.agentNotForType(type: request.dayTimeType!.rawValue).description)
        }
        if name.rangeIsOptional, (request.from == nil) != (request.to == nil) {
            throw CLIError.usage(ReportError.rangeNeedsBothEnds(report: name.rawValue).description)
        }

        let snapshot = try CommandSupport.openSnapshot(CommandSupport.databasePath(args, env), mode: .readOnly)
        CommandSupport.warnIfExposed(snapshot.path, env)
        request.now = try CommandSupport.now(args, clock: try snapshot.siteClock(), env: env)
        let store = try CommandSupport.loadStore(snapshot)
        let result: ReportResult
        do {
            result = try Reports.run(name, store: store, request: request)
        } catch let error as ReportError {
            throw CLIError.usage(error.description)
        }
        let text = render(result, name: name, format: format)
        if let output = args.value("output") {
            try AtomicWriter.write(text, to: env.path(output))
        } else {
            env.stdout.write(text)
        }
        return ExitCode.ok
    }

    /// Reads range, filters and interval; `now` is filled in once the snapshot is open.
    static func parseRequest(_ args: ParsedArguments, now: Int64) throws -> ReportRequest {
        let intervalText = args.value("interval") ?? "auto"
        guard let interval = Interval(rawValue: intervalText) else {
            throw CLIError.usage("unknown --interval \"\(intervalText)\" (expected auto, hour, day, week or month)")
        }
        return ReportRequest(
            from: try args.value("from").map { try ArgumentValue.date($0, option: "from") },
            to: try args.value("to").map { try ArgumentValue.date($0, option: "to") },
            agentId: try args.value("agent").map { try ArgumentValue.integer($0, option: "agent", range: 1...Int64.max) },
            productId: try args.value("product").map { try ArgumentValue.integer($0, option: "product", range: 1...Int64.max) },
            mailboxId: try args.value("mailbox").map { try ArgumentValue.integer($0, option: "mailbox", range: 1...Int64.max) },
            interval: interval, now: now)
    }

    static func render(_ result: ReportResult, name: ReportName, format: String) -> String {
        switch format {
        case "csv": return CSV.render(ReportTable(result))
        case "table": return TextTable.render(ReportTable(result))
        case "html": return ReportHTML.page(title: name.rawValue, result: result)
        default: return ReportJSON.value(result).serialized()
        }
    }
}
