import FSExtract
import FSSnapshot
import Foundation

/// `fsreport extract --site URL ...`: brings the snapshot up to date with a Fluent Support
/// site's REST API (incremental once a snapshot exists, resumable when interrupted).
enum ExtractCommand {
    static let defaultPasswordEnv = "FSREPORT_APP_PASSWORD"

    static let spec = CommandSpec(
        name: "extract",
        summary: "Fill the snapshot from a Fluent Support site's REST API.",
        usage: """
            fsreport extract --site URL [--user NAME] [--password-env VAR] [--db PATH] [--full] \
            [--concurrency N] [--per-page N] [--timezone TZ] [--recheck-days N] [--sweep-days N] [--timeout SECONDS] \
            [--site-moved] [--allow-insecure-http]
            """,
        options: [
            OptionSpec("site", value: "URL", help: "The WordPress site root, e.g. https://support.example.com."),
            OptionSpec("user", value: "NAME", help: "WordPress user name; else $FSREPORT_USER."),
            OptionSpec(
                "password-env", value: "VAR", help: "Environment variable holding the application password.",
                default: defaultPasswordEnv),
            CommandSupport.dbOption,
            OptionSpec("full", help: "Re-fetch every ticket's conversations, not only changed ones."),
            OptionSpec("concurrency", value: "N", help: "Ticket details fetched at once (1-64).", default: "4"),
            OptionSpec("per-page", value: "N", help: "Rows per list page (1-1000).", default: "100"),
            OptionSpec(
                "timezone", value: "TZ", help: "Override the site's timezone (IANA name or hours offset).",
                default: "the site's, from /wp-json/"),
            OptionSpec(
                "recheck-days", value: "N",
                help: "Also re-fetch tickets updated in the last N days (catches deleted or edited responses).",
                default: "14"),
            OptionSpec(
                "sweep-days", value: "N",
                help: "List every ticket page when the last such sweep is N days old (0: every run); between sweeps "
                    + "only what changed is listed.",
                default: "7"),
            OptionSpec("timeout", value: "SECONDS", help: "Per-request timeout.", default: "30"),
            OptionSpec(
                "site-moved",
                help: "The site moved (http → https, a new domain): re-bind the snapshot to --site after checking "
                    + "that its first tickets match."),
            OptionSpec(
                "allow-insecure-http",
                help: "Send the password over plain http:// to another machine (an intranet without TLS only)."),
        ],
        details: """
            The application password is read only from the environment (never from the command line). Create one in \
            WordPress under Users → Profile → Application Passwords. It is sent only over https:// (or over http:// \
            to this machine: localhost, 127.0.0.0/8, ::1): an http:// site elsewhere is refused, because every \
            request would carry the password readable to anyone on the network path, unless --allow-insecure-http.
            The snapshot holds customers' names and emails: it and the files beside it are created readable by you \
            only (0600, in a 0700 folder when fsreport creates it); keep it out of any web root.
            The REST API is found at <site>/wp-json/, else where the home page's Link header says, else at \
            <site>/?rest_route=/ (plain permalinks); a site in a subfolder keeps its path. The root found is recorded in \
            the snapshot and tried first next time.
            The first run fetches everything. Later runs list tickets by last update, newest first, down to where the \
            previous run stopped, read the new activity-log rows (which name the tickets that got a note or were \
            deleted), and fetch the details of those tickets and of every ticket updated in the --recheck-days before \
            the previous run; so a quiet night costs a few requests whatever the site's size. Every --sweep-days, on \
            --full, and when the activity log has a gap (the site pruned rows the snapshot never saw), a run lists \
            every ticket page instead and removes tickets deleted on the site. A run works on \
            <db>.partial and replaces the snapshot only when complete; an interrupted run is resumed by the next one.
            Exit codes: 0 ok; 1 network, authentication, site or storage failure; 2 bad options or environment; \
            4 another extract is writing the same snapshot.
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        if let extra = args.positionals.first {
            throw CLIError.usage("unexpected argument \"\(extra)\"; extract takes only options")
        }
        let options = try makeOptions(args, env)
        CommandSupport.warnIfExposed(options.databasePath, env)
        let progress = ExtractProgressDisplay(console: env.stderr)
        let summary: ExtractSummary
        do {
            summary = try Extractor(options: options, progress: progress.update).runBlocking()
        } catch let error as ExtractError {
            progress.finish()
            let kind: CLIError.Kind
            switch error.kind {
            case .usage: kind = .usage
            case .runtime: kind = .runtime
            case .locked: kind = .locked
            }
            throw CLIError(kind, error.description, hint: error.hint)
        } catch {
            progress.finish()
            throw CLIError.runtime("extract: \(error)")
        }
        progress.finish()
        env.stderr.line(summary.line)
        return ExitCode.ok
    }

    /// Reads and checks every option; usage errors name the bad value.
    static func makeOptions(_ args: ParsedArguments, _ env: Environment) throws -> ExtractOptions {
        guard let siteText = args.value("site") else {
            throw CLIError.usage("extract needs --site URL (the WordPress site root, e.g. https://example.com)")
        }
        let site: URL
        do {
            site = try ExtractOptions.siteURL(siteText)
            try ExtractOptions.checkTransport(site, allowInsecureHTTP: args.flag("allow-insecure-http"))
        } catch let error as ExtractError {
            throw CLIError.usage(error.description, hint: error.hint)
        }
        guard let user = args.value("user") ?? env.variables["FSREPORT_USER"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw CLIError.usage(
                "no WordPress user: pass --user NAME or set FSREPORT_USER",
                hint: "the user whose application password you created")
        }
        let variable = args.value("password-env") ?? defaultPasswordEnv
        guard !variable.isEmpty, variable.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw CLIError.usage("--password-env \"\(variable)\" is not an environment variable name")
        }
        guard let password = env.variables[variable], !password.isEmpty else {
            throw CLIError.usage(
                "the environment variable \(variable) holding the application password is "
                    + (env.variables[variable] == nil ? "not set" : "empty"),
                hint: ExtractError.applicationPasswordHelp.replacingOccurrences(
                    of: "export FSREPORT_APP_PASSWORD=", with: "export \(variable)="))
        }
        var options = ExtractOptions(
            site: site, credentials: Credentials(user: user, password: password),
            databasePath: CommandSupport.databasePath(args, env))
        options.full = args.flag("full")
        options.siteMoved = args.flag("site-moved")
        options.allowInsecureHTTP = args.flag("allow-insecure-http")
        if let v = args.value("concurrency") {
            options.concurrency = Int(try ArgumentValue.integer(v, option: "concurrency", range: 1...64))
        }
        if let v = args.value("per-page") {
            options.perPage = Int(try ArgumentValue.integer(v, option: "per-page", range: 1...1000))
        }
        if let v = args.value("sweep-days") {
            options.sweepDays = Int(try ArgumentValue.integer(v, option: "sweep-days", range: 0...3650))
        }
        if let v = args.value("recheck-days") {
            options.recheckDays = Int(try ArgumentValue.integer(v, option: "recheck-days", range: 0...3650))
        }
        if let v = args.value("timeout") {
            guard let seconds = Double(v), seconds >= 1, seconds <= 3600 else {
                throw CLIError.usage("--timeout \"\(v)\" is not a number of seconds from 1 to 3600")
            }
            options.requestTimeout = seconds
        }
        if let tz = args.value("timezone") {
            guard SiteClock(identifier: tz) != nil else {
                throw CLIError.usage(
                    "--timezone \"\(tz)\" is not a timezone (expected an IANA name like America/New_York, or hours like 5.5)")
            }
            options.timezone = tz
        }
        options.userAgent = "fsreport/\(FSCLI.version)"
        let clock = env.clock
        options.now = { clock() }
        return options
    }
}

/// One progress line per phase on a terminal's stderr: pages, tickets/s and an ETA.
final class ExtractProgressDisplay: @unchecked Sendable {
    private let console: Console
    private let lock = NSLock()
    private var current: (phase: ExtractPhase, bar: Progress)?

    init(console: Console) { self.console = console }

    var update: ExtractProgress {
        { [self] phase, done, total in
            guard console.isTerminal, phase != .site else { return }
            lock.withLock {
                if current?.phase != phase {
                    current?.bar.finish()
                    let label: String
                    switch phase {
                    case .site: label = "site"
                    case .listing: label = "ticket pages"
                    case .details: label = "ticket details"
                    case .activities: label = "activity pages"
                    }
                    current = (phase, Progress(label: label, console: console))
                }
                current?.bar.update(done: done, total: total, unit: phase == .details ? "tickets" : "pages")
            }
        }
    }

    func finish() {
        lock.withLock {
            current?.bar.finish()
            current = nil
        }
    }
}
