import FSColumnar
import FSSnapshot
import Foundation

/// Pieces every command shares: where the snapshot is, opening it, `now`, the store.
enum CommandSupport {
    static let defaultDB = ".fsreport/snapshot.sqlite"

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
    static func openSnapshot(_ path: String, mode: Snapshot.Mode) throws -> Snapshot {
        do {
            return try Snapshot(path: path, mode: mode)
        } catch let error as SnapshotError {
            switch error {
            case .missing, .notASnapshot, .newerSchema: throw CLIError.usage(error.description)
            case .sqlite: throw CLIError.runtime(error.description)
            }
        }
    }

    /// `--now` if given, else the current instant in the snapshot's timezone.
    static func now(_ args: ParsedArguments, clock: SiteClock, env: Environment) throws -> Int64 {
        if let text = args.value("now") { return try ArgumentValue.timestamp(text, option: "now") }
        return clock.now(env.clock())
    }

    /// The columnar store for a snapshot.
    static func loadStore(_ snapshot: Snapshot) throws -> ColumnarStore {
        do {
            // The column cache next to the snapshot (`<snapshot>.columns`) is used when it
            // matches the snapshot's generation and rebuilt otherwise; a read-only directory
            // just means no cache. FSREPORT_COLUMN_CACHE=off always reads the snapshot.
            if ProcessInfo.processInfo.environment["FSREPORT_COLUMN_CACHE"] == "off" {
                return try ColumnarStore.load(from: snapshot)
            }
            return try ColumnarStore.load(from: snapshot, cache: ColumnCache(snapshotPath: snapshot.path)).store
        } catch let error as SQLiteError {
            throw CLIError.runtime("reading \(snapshot.path): \(error)")
        }
    }
}
