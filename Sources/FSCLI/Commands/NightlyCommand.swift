import FSSnapshot
import Foundation

/// `fsreport nightly [--config FILE]`: the unattended run for cron or a systemd timer.
enum NightlyCommand {
    static let spec = CommandSpec(
        name: "nightly",
        summary: "The unattended nightly run: extract, reports, dashboard, query exports.",
        usage: "fsreport nightly [--config FILE] [--now TIMESTAMP]",
        options: [
            OptionSpec(
                "config", value: "FILE", help: "The JSON configuration (see docs/nightly.md).",
                default: NightlyConfig.defaultPath),
            OptionSpec(
                "now", value: "TIMESTAMP", help: "Site-local \"YYYY-MM-DD HH:MM:SS\" the reports end at.",
                default: "the current time in the site's timezone"),
        ],
        details: """
            Takes a lock, extracts each configured site incrementally, renders its dashboard and the configured \
            query exports into a staging folder and swaps it in, so a web server only ever sees a complete site. \
            One log line per step and a summary line go to stderr.
            Exit codes: 0 all good; 1 nothing could be rendered; 2 bad configuration (nothing touched); \
            3 partial: a site's extraction failed and its dashboard was rendered from the last good snapshot \
            with a staleness banner (or a query export failed); 4 another nightly run holds the lock.
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        if let extra = args.positionals.first {
            throw CLIError.usage("unexpected argument \"\(extra)\"; nightly takes only options")
        }
        let now = try args.value("now").map { try ArgumentValue.timestamp($0, option: "now") }
        let path = URL(fileURLWithPath: env.path(args.value("config") ?? NightlyConfig.defaultPath)).standardizedFileURL.path
        let config = try NightlyConfig.load(path: path, env: env)
        return try NightlyRun(config: config, env: env, now: now).run()
    }
}
