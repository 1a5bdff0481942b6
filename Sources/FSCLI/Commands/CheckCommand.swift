import FSExtract
import FSRender
import Foundation

/// `fsreport check --site URL ...`: before a first long extraction, whether it would work:
/// where the REST API answers, the timezone, the plugin, the credentials and what they may
/// list, and how much there is. One request per question; nothing is written.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        summary: "Check that a site can be extracted (API, timezone, plugin, credentials, counts).",
        usage: """
            fsreport check --site URL [--user NAME] [--password-env VAR] [--timezone TZ] [--timeout SECONDS] \
            [--allow-insecure-http]
            """,
        options: [
            OptionSpec("site", value: "URL", help: "The WordPress site root, e.g. https://support.example.com."),
            OptionSpec("user", value: "NAME", help: "WordPress user name; else $FSREPORT_USER."),
            OptionSpec(
                "password-env", value: "VAR", help: "Environment variable holding the application password.",
                default: ExtractCommand.defaultPasswordEnv),
            OptionSpec(
                "timezone", value: "TZ", help: "Override the site's timezone (IANA name or hours offset).",
                default: "the site's, from its REST index"),
            OptionSpec("timeout", value: "SECONDS", help: "Per-request timeout.", default: "30"),
            OptionSpec(
                "allow-insecure-http",
                help: "Send the password over plain http:// to another machine (an intranet without TLS only)."),
        ],
        details: """
            Prints one line per item with what was found, or why it failed and how to fix it: the REST API root and \
            its form (pretty permalinks, plain permalinks, subfolder, index behind a login), the site's timezone, \
            the fluent-support/v2 namespace, whether the credentials may list agents, and the number of tickets, \
            activity-log rows and products (one request each, per_page=1). Reads no snapshot and writes nothing.
            Exit codes: 0 an extraction would succeed; 1 a check failed; 2 bad options or environment.
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        if let extra = args.positionals.first {
            throw CLIError.usage("unexpected argument \"\(extra)\"; check takes only options")
        }
        var options = try ExtractCommand.makeOptions(args, env)
        // The same rule as extract: no password over plain http:// to another machine.
        do {
            try ExtractOptions.checkTransport(options.site, allowInsecureHTTP: options.allowInsecureHTTP)
        } catch let error as ExtractError {
            throw CLIError.usage(error.description, hint: error.hint)
        }
        // A question, not a long job: one retry for passing faults.
        options.retry.maxAttempts = min(options.retry.maxAttempts, 2)
        let check = SiteCheck.runBlocking(options)
        env.stdout.write(render(check))
        if check.wouldSucceed {
            env.stdout.line("ok: `fsreport extract --site \(options.site.absoluteString)` should succeed")
            return ExitCode.ok
        }
        env.stdout.line("not ready: fix the failed line(s) above, then run `fsreport check` again")
        return ExitCode.failure
    }

    /// The lines as an aligned table; each failure's fix on its own line below it.
    static func render(_ check: SiteCheck) -> String {
        let table = ReportTable(
            header: ["item", "status", "found"], rows: check.lines.map { [$0.item, $0.status.rawValue, $0.detail] },
            numeric: [])
        var out = TextTable.render(table)
        for line in check.lines where line.status == .failed {
            if let fix = line.fix { out += "fix (\(line.item)): \(fix)\n" }
        }
        return out
    }
}
