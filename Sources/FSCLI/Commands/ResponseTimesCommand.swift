import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport report response-times ...`: first response and reply time statistics
/// (SEMANTICS.md, "Beyond the plugin"). Reached through ``ReportCommand``, whose options
/// it shares; `--by`, `--priority` and `--compare` are its own.
enum ResponseTimesCommand {
    static let name = "response-times"
    static let summary = "first response and reply time: statistics, buckets, unanswered, median FRT series"
    static let resolutionName = "resolution-times"
    static let resolutionSummary = "full and first resolution, replies per resolved ticket, one/zero-touch, reopens"

    static func run(_ args: ParsedArguments, _ env: Environment, resolution: Bool = false) throws -> Int32 {
        let name = resolution ? resolutionName : name
        let format =
            args.value("format")
            ?? CommandSupport.defaultFormat(output: args.value("output"), env: env, allowed: ReportCommand.formats)
        guard ["json", "csv", "table"].contains(format) else {
            throw CLIError.usage("unknown --format \"\(format)\" for \(name) (expected json, csv or table)")
        }
        if args.value("type") != nil {
            throw CLIError.usage(ReportError.optionNotApplicable(option: "--type", report: name).description)
        }
        let base = try ReportCommand.parseRequest(args, now: 0)
        var request = ResponseTimes.Request(
            from: base.from, to: base.to, agentId: base.agentId, productId: base.productId, mailboxId: base.mailboxId,
            priority: args.value("priority"), interval: base.interval, now: 0)
        if let byText = args.value("by") {
            guard let by = ResponseTimes.Dimension(rawValue: byText) else {
                throw CLIError.usage(
                    "unknown --by \"\(byText)\"",
                    hint: "group by one of \(ResponseTimes.Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.by = by
        }
        if let compare = args.value("compare") {
            guard compare == "previous" else {
                throw CLIError.usage("unknown --compare \"\(compare)\"", hint: "the one comparison is --compare previous")
            }
            request.comparePrevious = true
        }
        if let from = request.from, let to = request.to, from > to {
            throw CLIError.usage(ReportError.fromAfterTo(from: args.value("from")!, to: args.value("to")!).description)
        }
        let config = try SLAConfig.fromArguments(args, env)
        let snapshot = try CommandSupport.openSnapshot(CommandSupport.databasePath(args, env), mode: .readOnly)
        request.now = try CommandSupport.now(args, clock: try snapshot.siteClock(), env: env)
        let (store, reports) = try CommandSupport.loadColumns(snapshot)
        try config?.check(store: store, extras: reports.tickets)
        let business = try config?.businessTime(store: store, site: try snapshot.siteClock(), now: request.now)
        let json: JSONValue
        let table: ReportTable
        do {
            if resolution {
                let result = try ResolutionTimes.run(store: store, reports: reports, request: request, business: business)
                (json, table) = (ResolutionTimesOutput.json(result), ResolutionTimesOutput.table(result))
            } else {
                let result = try ResponseTimes.run(store: store, reports: reports, request: request, business: business)
                (json, table) = (ResponseTimesOutput.json(result), ResponseTimesOutput.table(result))
            }
        } catch let error as ReportError {
            throw CLIError.usage(error.description)
        }
        let text: String
        switch format {
        case "csv": text = CSV.render(table)
        case "table": text = TextTable.render(table)
        default: text = json.serialized()
        }
        if let output = args.value("output") {
            try AtomicWriter.write(text, to: env.path(output))
        } else {
            env.stdout.write(text)
        }
        return ExitCode.ok
    }
}
