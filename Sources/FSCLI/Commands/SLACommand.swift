import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport report sla ...`: SLA attainment per target and the open tickets past a target
/// now (SEMANTICS.md, "SLA"). Reached through ``ReportCommand``, whose options it shares;
/// the targets come from `--sla FILE` (business hours from the same file or `--hours FILE`).
///
/// Formats: json is SEMANTICS.md's body; table is attainment per target (per group with
/// `--by`); csv lists the open tickets past a target, oldest clock start first — ids,
/// priority and figures only (``SLAOutput/breachColumns``).
enum SLACommand {
    static let name = "sla"
    static let summary = "SLA attainment per target (--sla FILE); csv: open tickets past a target, oldest first"

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let format =
            args.value("format")
            ?? CommandSupport.defaultFormat(output: args.value("output"), env: env, allowed: ReportCommand.formats)
        guard ["json", "csv", "table"].contains(format) else {
            throw CLIError.usage("unknown --format \"\(format)\" for sla (expected json, csv or table)")
        }
        for option in ["type", "compare", "interval"] where args.value(option) != nil {
            throw CLIError.usage(ReportError.optionNotApplicable(option: "--\(option)", report: name).description)
        }
        let base = try ReportCommand.parseRequest(args, now: 0)
        var request = ResponseTimes.Request(
            from: base.from, to: base.to, agentId: base.agentId, productId: base.productId, mailboxId: base.mailboxId,
            priority: args.value("priority"), now: 0)
        if let byText = args.value("by") {
            guard let by = ResponseTimes.Dimension(rawValue: byText) else {
                throw CLIError.usage(
                    "unknown --by \"\(byText)\"",
                    hint: "group by one of \(ResponseTimes.Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.by = by
        }
        if let from = request.from, let to = request.to, from > to {
            throw CLIError.usage(ReportError.fromAfterTo(from: args.value("from")!, to: args.value("to")!).description)
        }
        guard let config = try SLAConfig.fromArguments(args, env), let targets = config.targets else {
            throw CLIError.usage(
                "sla needs targets: pass --sla FILE with an \"sla\" key",
                hint: "e.g. {\"sla\": {\"clock\": \"calendar\", \"first_response\": {\"default\": \"8h\"}}}; see docs/nightly.md")
        }
        let snapshot = try CommandSupport.openSnapshot(CommandSupport.databasePath(args, env), mode: .readOnly)
        CommandSupport.warnIfExposed(snapshot.path, env)
        let clock = try snapshot.siteClock()
        request.now = try CommandSupport.now(args, clock: clock, env: env)
        let (store, reports) = try CommandSupport.loadColumns(snapshot)
        let extras = reports.tickets
        try config.check(store: store, extras: extras)
        let business = try config.businessTime(store: store, site: clock, now: request.now)
        let result: SLA.Result
        do {
            result = try SLA.run(
                store: store, reports: reports, targets: targets, business: business, request: request,
                listBreaches: format == "csv")
        } catch let error as ReportError {
            throw CLIError.usage(error.description)
        }
        let text: String
        switch format {
        case "csv": text = CSV.render(SLAOutput.breachTable(result, store: store, extras: extras))
        case "table": text = TextTable.render(SLAOutput.table(result))
        default: text = SLAOutput.json(result).serialized()
        }
        if let output = args.value("output") {
            try AtomicWriter.write(text, to: env.path(output))
        } else {
            env.stdout.write(text)
        }
        return ExitCode.ok
    }
}
