/// Why a snapshot could not be opened or used. Messages name the path and the way out.
public enum SnapshotError: Error, CustomStringConvertible, Sendable {
    case missing(path: String)
    case notASnapshot(path: String, reason: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case sqlite(path: String, SQLiteError)
    /// The snapshot's file or folder could not be created.
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no snapshot at \(path); create one with `fsreport extract --site URL` "
                + "(or `fsreport demo` for synthetic data), or point --db / FSREPORT_DB at an existing one"
        case .notASnapshot(let path, let reason):
            return "\(path) is not an fsreport snapshot (\(reason)); pass the right --db, or move the file "
                + "away and run `fsreport extract` to build a new one"
        case .newerSchema(let path, let found, let supported):
            return "\(path) has snapshot schema version \(found), but this fsreport understands up to "
                + "\(supported); upgrade fsreport"
        case .sqlite(let path, let error):
            return "snapshot \(path): \(error)"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path) for the snapshot: \(reason); check that its folder is writable"
        }
    }
}
