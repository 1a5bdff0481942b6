/// A record type stored as one row of a snapshot table. Its ``columns`` are the one list
/// that the upserts of ``SnapshotWriter``, the multi-row inserts of ``BulkInsert``, their
/// binds and the reads follow: a new column is added to the list, to ``bind(into:at:)`` and
/// to ``init(row:)`` beside it (and to the table by a new migration).
package protocol SnapshotRecord {
    /// Every column, `id` (the primary key) first, in the order ``bind(into:at:)`` binds
    /// them and ``init(row:)`` reads them.
    static var columns: [SnapshotColumn] { get }

    /// Binds this record's columns, in ``columns`` order, at parameter indices
    /// `base + 1 ... base + columns.count`.
    func bind(into statement: Statement, at base: Int32) throws

    /// Reads a record from the current row of a statement that selects ``columns`` in
    /// order, from result column 0.
    init(row statement: Statement)
}

extension SnapshotRecord {
    /// `id, ticket_id, ...`
    static var columnNames: String { columns.map(\.name).joined(separator: ", ") }

    /// `SELECT <columns> FROM <table>`; the caller appends `WHERE` and `ORDER BY`.
    static func selectSQL(from table: RecordTable<Self>) -> String {
        "SELECT \(columnNames) FROM \(table.name)"
    }

    /// An insert of `rows` rows, parameters numbered row after row (`?1 ... ?n`, `?n+1 ...`).
    static func insertSQL(into table: RecordTable<Self>, rows: Int) -> String {
        let count = columns.count
        let values = (0..<rows).map { r in
            "(" + (1...count).map { "?\(r * count + $0)" }.joined(separator: ",") + ")"
        }
        return "INSERT INTO \(table.name)(\(columnNames)) VALUES " + values.joined(separator: ",")
    }

    /// A one-row insert that updates every other column when the id exists.
    static func upsertSQL(into table: RecordTable<Self>) -> String {
        let updates = columns.indices.dropFirst().map { "\(columns[$0].name) = ?\($0 + 1)" }
        return insertSQL(into: table, rows: 1) + " ON CONFLICT(\(columns[0].name)) DO UPDATE SET "
            + updates.joined(separator: ", ")
    }
}
