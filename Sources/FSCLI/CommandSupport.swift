import FSColumnar
import FSSnapshot
import Foundation

/// Pieces every command shares: where the snapshot is, opening it, `now`, the store.
package enum CommandSupport {
    static let defaultDB = ".fsreport/snapshot.sqlite"
    static let demoRelative = ".fsreport/demo.sqlite"

    static let dbOption = OptionSpec(
        "db", value: "PATH", help: "Snapshot file; else $FSREPORT_DB.", default: defaultDB)
    static let nowOption = OptionSpec(
        "now", value: "TIMESTAMP", help: "Site-local \"YYYY-MM-DD HH:MM:SS\" to use as now.",
        default: "the current time in the site's timezone")

    /// `--db`, else `FSREPORT_DB`, else the default, resolved against the current directory.
    static func databasePath(_ args: ParsedArguments, _ env: Environment, default fallback: String = defaultDB) -> String {
        env.path(args.value("db") ?? env.variables["FSREPORT_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback)
    }

    /// Opens a snapshot, mapping failures to CLI errors (a wrong path is bad input: 2).
    package static func openSnapshot(_ path: String, mode: Snapshot.Mode) throws -> Snapshot {
        do {
            return try Snapshot(path: path, mode: mode)
        } catch let error as SnapshotError {
            switch error {
            case .missing:
                let demo = (path as NSString).deletingLastPathComponent + "/demo.sqlite"
                let hint =
                    FileManager.default.fileExists(atPath: demo) && path.hasSuffix("/\(defaultDB)")
                    ? "the demo's synthetic helpdesk is at \(demo): add --db \(demoRelative)" : nil
                throw CLIError.usage(error.description, hint: hint)
            case .notASnapshot, .newerSchema: throw CLIError.usage(error.description)
            case .sqlite, .cannotCreate: throw CLIError.runtime(error.description)
            }
        }
    }

    /// Prints the one warning line for an existing snapshot other users can open (see
    /// ``SnapshotFiles/exposureWarning(for:)``); a private or missing one prints nothing.
    static func warnIfExposed(_ path: String, _ env: Environment) {
        if let warning = SnapshotFiles.exposureWarning(for: path) { env.stderr.line(warning) }
    }

    /// `--now` if given, else the current instant in the snapshot's timezone.
    static func now(_ args: ParsedArguments, clock: SiteClock, env: Environment) throws -> Int64 {
        if let text = args.value("now") { return try ArgumentValue.timestamp(text, option: "now") }
        return clock.now(env.clock())
    }

    /// The format when `--format` is not given: the `--output` file's extension when it
    /// names one (`.csv`, `.json`, `.html`), else `table` on a terminal and `json` otherwise.
    static func defaultFormat(output: String?, env: Environment, allowed: [String]) -> String {
        if let output {
            let ext = (output as NSString).pathExtension.lowercased()
            if allowed.contains(ext) { return ext }
            if ext == "txt", allowed.contains("table") { return "table" }
            return "json"
        }
        return env.stdout.isTerminal ? "table" : "json"
    }

    /// The columnar store for a snapshot.
    package static func loadStore(_ snapshot: Snapshot) throws -> ColumnarStore {
        try loadColumns(snapshot).store
    }

    /// The columnar store for a snapshot with its ``ReportColumns`` (response and
    /// resolution times, the export): both from the column cache when it is current.
    package static func loadColumns(_ snapshot: Snapshot) throws -> (store: ColumnarStore, reports: ReportColumns) {
        do {
            // The column cache next to the snapshot (`<snapshot>.columns`) is used when it
            // matches the snapshot's change stamp (moved by any client's write) and rebuilt
            // otherwise; a read-only directory just means no cache. FSREPORT_COLUMN_CACHE=off
            // always reads the snapshot.
            if ProcessInfo.processInfo.environment["FSREPORT_COLUMN_CACHE"] == "off" {
                return try snapshot.reading {
                    let store = try ColumnarStore.load(from: snapshot)
                    return (store, try ReportColumns.load(snapshot, store: store))
                }
            }
            let loaded = try ColumnarStore.load(from: snapshot, cache: ColumnCache(snapshotPath: snapshot.path))
            return (loaded.store, loaded.reports)
        } catch let error as SQLiteError {
            throw CLIError.runtime("reading \(snapshot.path): \(error)")
        }
    }
}
