import FSQueries
import FSRender
import FSSnapshot
import Foundation

/// `fsreport query NAME|FILE.sql ...` and `fsreport query --list`: saved SQL run on a
/// read-only connection to the snapshot.
enum QueryCommand {
    static let spec = CommandSpec(
        name: "query",
        summary: "Run a saved SQL query against the snapshot (read-only).",
        usage: """
            fsreport query NAME|FILE.sql [--db PATH] [--from DATE] [--to DATE] [--param KEY=VALUE]... \
            [--now TIMESTAMP] [--format json|csv|table] [--output FILE]
                   fsreport query --list [--format json]
            """,
        options: [
            OptionSpec("list", help: "List the saved queries: name, title, parameters, description."),
            CommandSupport.dbOption,
            OptionSpec(
                "from", value: "DATE", help: "First day, inclusive (YYYY-MM-DD, site-local); binds :from, :from_ts.",
                default: "to − 30 days"),
            OptionSpec(
                "to", value: "DATE", help: "Last day, inclusive; binds :to, and :to_ts = the next midnight.",
                default: "today"),
            OptionSpec(
                "param", value: "KEY=VALUE", help: "Bind :KEY (whole numbers as integers, decimals as reals, else text).",
                repeatable: true),
            CommandSupport.nowOption,
            OptionSpec(
                "format", value: "json|csv|table", help: "Output format.",
                default: "table on a terminal, else json"),
            OptionSpec("output", value: "FILE", help: "Write to FILE atomically instead of standard output."),
        ],
        details: """
            NAME is queries/NAME.sql, looked up in $FSREPORT_QUERIES (colon-separated folders), then
            ./queries, then the queries/ folder of the fsreport package the binary was built in.
            A query is one SELECT; it runs on a connection opened SQLITE_OPEN_READONLY with
            PRAGMA query_only, and a statement that would write is refused before it runs.
            Built-in parameters: :from :to (YYYY-MM-DD), :from_ts :to_ts (site-local seconds,
            [from 00:00, to+1 00:00)), :now (YYYY-MM-DD HH:MM:SS), :now_ts.
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        do {
            return try runQuery(args, env)
        } catch let error as QueryError {
            throw CLIError(error)
        }
    }

    static func runQuery(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let catalog = QueryCatalog.standard(variables: env.variables, currentDirectory: env.currentDirectory)
        let formatText = args.value("format")
        if let formatText, !QueryOutput.formats.contains(formatText) {
            throw CLIError.usage("unknown --format \"\(formatText)\" (expected json, csv or table)")
        }
        if args.flag("list") {
            guard args.positionals.isEmpty else {
                throw CLIError.usage("--list takes no query name")
            }
            let queries = try catalog.list()
            let text = formatText == "json" ? listJSON(queries) : listText(queries, catalog: catalog)
            try emit(text, args: args, env: env)
            return ExitCode.ok
        }
        guard let reference = args.positionals.first else {
            let names = (try? catalog.list().map(\.name)) ?? []
            throw CLIError.usage(
                "which query? name a saved query or a .sql file",
                hint: names.isEmpty ? "e.g. fsreport query my-query.sql" : "saved queries: \(names.joined(separator: ", "))")
        }
        guard args.positionals.count == 1 else {
            throw CLIError.usage("unexpected argument \"\(args.positionals[1])\"; query takes one NAME or FILE.sql")
        }
        let format =
            formatText ?? CommandSupport.defaultFormat(output: args.value("output"), env: env, allowed: QueryOutput.formats)
        let fromDay = try args.value("from").map { try ArgumentValue.date($0, option: "from") }
        let toDay = try args.value("to").map { try ArgumentValue.date($0, option: "to") }
        let values = try QueryParameters.parsePairs(args.all("param"))
        let query = try catalog.resolve(reference, currentDirectory: env.currentDirectory)

        let snapshot = try CommandSupport.openSnapshot(CommandSupport.databasePath(args, env), mode: .readOnly)
        CommandSupport.warnIfExposed(snapshot.path, env)
        let now = try CommandSupport.now(args, clock: try snapshot.siteClock(), env: env)
        let parameters = QueryParameters(fromDay: fromDay, toDay: toDay, now: now, values: values)
        guard parameters.fromDay <= parameters.toDay else {
            throw CLIError.usage(
                "--from \(LocalTime.formatDate(day: parameters.fromDay)) is after --to \(LocalTime.formatDate(day: parameters.toDay))"
            )
        }
        let (result, unused) = try QueryRunner.run(query, on: snapshot, parameters: parameters)
        for name in unused {
            env.stderr.line("warning: --param \(name) is not used by query \(query.name)")
        }
        try emit(QueryOutput.render(result, query: query, format: format), args: args, env: env)
        return ExitCode.ok
    }

    static func emit(_ text: String, args: ParsedArguments, env: Environment) throws {
        if let output = args.value("output") {
            do {
                try AtomicWriter.write(text, to: env.path(output))
            } catch {
                throw CLIError.runtime(String(describing: error))
            }
        } else {
            env.stdout.write(text)
        }
    }

    static func paramsText(_ query: QueryFile) -> String {
        query.params.map { p in ":\(p.name)" + (p.defaultValue.map { " = \($0)" } ?? "") }.joined(separator: ", ")
    }

    static func listText(_ queries: [QueryFile], catalog: QueryCatalog) -> String {
        guard !queries.isEmpty else {
            return "no saved queries (looked in \(catalog.directories.joined(separator: ", ")))\n"
        }
        var out = ""
        for query in queries {
            out += "\(query.name)\n"
            out += "  \(query.title ?? "(no title)")\n"
            if !query.params.isEmpty { out += "  params: \(paramsText(query))\n" }
            if let description = query.description { out += wrap(description, indent: "  ", width: 88) }
            out += "  file: \(query.path)\n\n"
        }
        return out
    }

    static func listJSON(_ queries: [QueryFile]) -> String {
        let items = queries.map { q -> JSONValue in
            .object([
                ("name", .string(q.name)),
                ("title", q.title.map(JSONValue.string) ?? .null),
                ("description", q.description.map(JSONValue.string) ?? .null),
                (
                    "params",
                    .array(
                        q.params.map { p in
                            .object([("name", .string(p.name)), ("default", p.defaultValue.map(JSONValue.string) ?? .null)])
                        })
                ),
                ("path", .string(q.path)),
            ])
        }
        return JSONValue.object([("queries", .array(items))]).serialized()
    }

    static func wrap(_ text: String, indent: String, width: Int) -> String {
        var out = ""
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent {
                out += line + "\n"
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { out += line + "\n" }
        return out
    }
}
