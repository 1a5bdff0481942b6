/// One column of a snapshot table as its record type declares it: the name, the SQL type
/// and whether it may hold NULL, as `PRAGMA table_info` reports them.
///
/// The migrations create the tables and stay as written (an old snapshot is upgraded by
/// them, not by this list); a test compares every record's columns with its table, so the
/// two cannot drift apart.
package struct SnapshotColumn: Sendable, Equatable, CustomStringConvertible {
    /// The declared type: snapshot columns are integers (ids, counts, site-local seconds) or text.
    package enum SQLType: String, Sendable {
        case integer = "INTEGER"
        case text = "TEXT"
    }

    package let name: String
    package let type: SQLType
    package let notNull: Bool

    package static func integer(_ name: String, notNull: Bool = false) -> SnapshotColumn {
        SnapshotColumn(name: name, type: .integer, notNull: notNull)
    }

    package static func text(_ name: String, notNull: Bool = false) -> SnapshotColumn {
        SnapshotColumn(name: name, type: .text, notNull: notNull)
    }

    /// `name TYPE` or `name TYPE NOT NULL`.
    package var description: String { "\(name) \(type.rawValue)" + (notNull ? " NOT NULL" : "") }
}
