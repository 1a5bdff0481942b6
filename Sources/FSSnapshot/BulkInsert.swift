/// Plain multi-row `INSERT`s for filling empty tables fast: one statement carries
/// `rowsPerStatement` rows, which amortises SQLite's per-statement cost (about twice the
/// rows per second of one-row upserts). Used only inside a `Snapshot.write {}`
/// transaction, on tables the caller has just emptied (the demo generator); a duplicate
/// id fails loudly. Columns and binds are the record's ``SnapshotRecord`` conformance,
/// the same ones ``SnapshotWriter`` upserts with.
package final class BulkInsert<Row: SnapshotRecord> {
    private let single: Statement
    private let multiple: Statement
    private let columnCount: Int32
    private let rowsPerStatement: Int

    init(snapshot: Snapshot, table: RecordTable<Row>, rowsPerStatement: Int = 100) throws {
        let database = snapshot.database
        single = try database.prepare(Row.insertSQL(into: table, rows: 1))
        multiple = try database.prepare(Row.insertSQL(into: table, rows: rowsPerStatement))
        columnCount = Int32(Row.columns.count)
        self.rowsPerStatement = rowsPerStatement
    }

    package func insert<C: Collection>(_ rows: C) throws where C.Element == Row {
        var index = rows.startIndex
        var remaining = rows.count
        while remaining >= rowsPerStatement {
            for r in 0..<rowsPerStatement {
                try rows[index].bind(into: multiple, at: Int32(r) * columnCount)
                index = rows.index(after: index)
            }
            try multiple.run()
            remaining -= rowsPerStatement
        }
        while index != rows.endIndex {
            try rows[index].bind(into: single, at: 0)
            try single.run()
            index = rows.index(after: index)
        }
    }
}

extension BulkInsert where Row == Conversation {
    package static func conversations(_ snapshot: Snapshot) throws -> BulkInsert {
        try BulkInsert(snapshot: snapshot, table: .conversations)
    }
}

extension BulkInsert where Row == Ticket {
    package static func tickets(_ snapshot: Snapshot) throws -> BulkInsert {
        try BulkInsert(snapshot: snapshot, table: .tickets, rowsPerStatement: 50)
    }
}

extension BulkInsert where Row == Activity {
    package static func activities(_ snapshot: Snapshot) throws -> BulkInsert {
        try BulkInsert(snapshot: snapshot, table: .activities)
    }
}

extension BulkInsert where Row == Person {
    package static func persons(_ snapshot: Snapshot) throws -> BulkInsert {
        try BulkInsert(snapshot: snapshot, table: .persons)
    }
}
