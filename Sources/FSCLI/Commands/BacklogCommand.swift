import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport report backlog ...`: open tickets at the end of each day with inflow, outflow
/// and reopens, and the aging of open and waiting tickets now (SEMANTICS.md, "Backlog").
/// Reached through ``ReportCommand``, whose range, filter and output options it shares.
enum BacklogCommand {
    static let name = "backlog"
    static let summary = "open tickets at the end of each day, created, closed, reopened; aging of open and waiting now"

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let format =
            args.value("format")
            ?? CommandSupport.defaultFormat(output: args.value("output"), env: env, allowed: ReportCommand.formats)
        guard ["json", "csv", "table"].contains(format) else {
            throw CLIError.usage("unknown --format \"\(format)\" for \(name) (expected json, csv or table)")
        }
        for option in ["interval", "type", "priority", "by", "compare"] where args.value(option) != nil {
            throw CLIError.usage(ReportError.optionNotApplicable(option: "--\(option)", report: name).description)
        }
        let base = try ReportCommand.parseRequest(args, now: 0)
        var request = Backlog.Request(
            from: base.from, to: base.to, agentId: base.agentId, productId: base.productId, mailboxId: base.mailboxId, now: 0)
        if let from = request.from, let to = request.to, from > to {
            throw CLIError.usage(ReportError.fromAfterTo(from: args.value("from")!, to: args.value("to")!).description)
        }
        let snapshot = try CommandSupport.openSnapshot(CommandSupport.databasePath(args, env), mode: .readOnly)
        request.now = try CommandSupport.now(args, clock: try snapshot.siteClock(), env: env)
        let store = try CommandSupport.loadStore(snapshot)
        let result: Backlog.Result
        do {
            let history = try CloseHistory.load(snapshot, store: store)
            result = try Backlog.run(store: store, history: history, request: request)
        } catch let error as ReportError {
            throw CLIError.usage(error.description)
        }
        let text: String
        switch format {
        case "csv": text = CSV.render(BacklogOutput.table(result))
        case "table": text = TextTable.render(BacklogOutput.table(result))
        default: text = BacklogOutput.json(result).serialized()
        }
        if let output = args.value("output") {
            try AtomicWriter.write(text, to: env.path(output))
        } else {
            env.stdout.write(text)
        }
        return ExitCode.ok
    }
}
