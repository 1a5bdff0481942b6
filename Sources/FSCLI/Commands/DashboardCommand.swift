import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport dashboard`: writes the publishable static site from the local snapshot.
enum DashboardCommand {
    static let defaultOutput = "output/site"

    static let spec = CommandSpec(
        name: "dashboard",
        summary: "Write the publishable static dashboard site.",
        usage:
            "fsreport dashboard [--db PATH] [--output DIR] [--now TIMESTAMP] [--sla FILE] [--hours FILE] [--stale REASON] "
            + "[--timings]",
        options: [
            CommandSupport.dbOption,
            OptionSpec(
                "output", value: "DIR",
                help: "The site folder; replaced as a whole on each run (it must hold nothing but a previous site).",
                default: defaultOutput),
            CommandSupport.nowOption,
            OptionSpec(
                "sla", value: "FILE",
                help: "SLA targets (and business hours): an SLA panel per range and an SLA column in the agents table."),
            OptionSpec("hours", value: "FILE", help: "Business hours for a business SLA clock given in --sla."),
            OptionSpec(
                "stale", value: "REASON",
                help: "Mark the data as out of date: a banner on every page and \"stale\": true in manifest.json."),
            OptionSpec("timings", help: "Print the time to compute the reports and to render the site to stderr."),
        ],
        details: """
            Writes index.html, agents/<id>.html, api/**.json (the live endpoints' bodies, for the default \
            ranges and for the last 7, 30 and 90 days and the month to date), csv/*.csv and manifest.json. \
            The site is self-contained: open index.html from disk or copy the folder to any static host.
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        if let extra = args.positionals.first {
            throw CLIError.usage("unexpected argument \"\(extra)\"; dashboard takes only options")
        }
        let dbPath = CommandSupport.databasePath(args, env)
        let site = env.path(args.value("output") ?? defaultOutput)
        if SiteFolder.isInside(dbPath, site) {
            throw CLIError.usage(
                "the snapshot \(dbPath) is inside the site folder \(site); the site is published, the snapshot holds customer data",
                hint: "write the site elsewhere with --output, or move the snapshot")
        }
        let sla = try SLAConfig.fromArguments(args, env)
        if let sla, sla.targets == nil {
            throw CLIError.usage("--hours alone adds nothing to the dashboard; give the targets with --sla FILE")
        }
        let snapshot = try CommandSupport.openSnapshot(dbPath, mode: .readOnly)
        CommandSupport.warnIfExposed(snapshot.path, env)
        let now = try CommandSupport.now(args, clock: try snapshot.siteClock(), env: env)
        let (store, reports) = try CommandSupport.loadColumns(snapshot)
        let manifest = try SiteOutput.write(
            snapshot: snapshot, store: store, reports: reports, now: now, siteDirectory: site, env: env,
            stale: args.value("stale") != nil, staleReason: args.value("stale"), timings: args.flag("timings"), sla: sla)
        env.stderr.line(
            "dashboard: wrote \(manifest.fileCount) files to \(site) (now = \(manifest.now), data as of "
                + "\(manifest.lastSyncAt ?? "unknown"))")
        return ExitCode.ok
    }
}
