import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// The change counter of migration 2: triggers on every table, an in-place upgrade of
/// version-1 snapshots, and a bulk writer that moves the counter once per transaction.
@Suite struct ChangeCounterTests {
    static let now = LocalTime.parse("2026-11-20 15:42:10")!

    func strings(_ database: Database, _ sql: String) throws -> [String] {
        let s = try database.prepare(sql)
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out
    }

    @Test func everyTableButTheCounterHasInsertUpdateAndDeleteTriggers() throws {
        try withTemporaryDirectory { directory in
            let snapshot = try Snapshot(path: directory + "/s.sqlite", mode: .create)
            let tables = try strings(
                snapshot.database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            #expect(tables.contains("change_counter"))
            for table in tables where table != "change_counter" {
                let triggers = try strings(
                    snapshot.database, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '\(table)'")
                #expect(
                    Set(triggers) == ["\(table)_insert_counted", "\(table)_update_counted", "\(table)_delete_counted"],
                    "table \(table): a new table needs its change triggers, or caches miss its writes")
            }
            #expect(snapshot.schemaVersion == 3)
        }
    }

    @Test func everyWriteMovesTheStampAndReadsDoNot() throws {
        try withTemporaryDirectory { directory in
            let snapshot = try Snapshot(path: directory + "/s.sqlite", mode: .create)
            let first = try #require(try snapshot.changeStamp())
            _ = try snapshot.rowCounts()
            #expect(try snapshot.changeStamp() == first)
            try snapshot.database.execute("INSERT INTO mailboxes(id, name) VALUES (1, 'Main')")
            let second = try #require(try snapshot.changeStamp())
            #expect(second.writes == first.writes + 1)  // one row inserted
            #expect(second.token != first.token)
            try snapshot.database.execute("UPDATE mailboxes SET name = name")  // same value: still a write
            #expect(try snapshot.changeStamp()?.writes == second.writes + 1)
        }
    }

    /// A version-1 snapshot (migration 1 only, as earlier builds made it) gains the counter
    /// (and migration 3's column) in place when opened for writing.
    @Test func versionOneSnapshotUpgradesInPlace() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/s.sqlite"
            do {
                let snapshot = try Snapshot(path: path, mode: .create)
                try snapshot.write { w in try w.upsertMailbox(NamedEntity(id: 7, name: "Main")) }
                let drops = try strings(snapshot.database, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
                    .map { "DROP TRIGGER \($0);" }.joined()
                try snapshot.database.execute(
                    drops
                        + "DROP TABLE change_counter; ALTER TABLE conversations DROP COLUMN system_kind; PRAGMA user_version = 1;"
                )
            }
            // Migration 3 (conversations.system_kind) is needed for reading, so read-only
            // use of an old snapshot is refused with the fix: open it once for writing.
            #expect(throws: SnapshotError.self) { _ = try Snapshot(path: path, mode: .readOnly) }

            let upgraded = try Snapshot(path: path, mode: .readWrite)
            #expect(upgraded.schemaVersion == 3)
            #expect(try upgraded.changeStamp() != nil)
            #expect(try upgraded.mailboxes().map(\.name) == ["Main"])
        }
    }

    /// The generator's three transactions (persons, one batch of tickets: 2,500 fit one
    /// batch of 5,000, the activity log) each move the counter once for their bulk rows and
    /// once for the `generation` meta row written after them; the last also inserts the
    /// `last_sync_at` meta row (the first deleted it), counted as usual: 2 + 2 + 3 = 7.
    @Test func generatorMovesTheCounterPerTransactionNotPerRow() throws {
        try withTemporaryDirectory { directory in
            let snapshot = try Snapshot(path: directory + "/s.sqlite", mode: .create)
            let before = try #require(try snapshot.changeStamp())
            let counts = try HelpdeskGenerator.write(
                GeneratorConfig(seed: 3, tickets: 2500, agents: 5, days: 100, now: Self.now), to: snapshot)
            #expect(counts.conversations > 5000)
            let after = try #require(try snapshot.changeStamp(), "the triggers are back after the bulk writes")
            #expect(after.writes - before.writes == 7)
            try snapshot.database.execute("UPDATE tickets SET status = 'closed' WHERE id = (SELECT min(id) FROM tickets)")
            #expect(try snapshot.changeStamp()?.writes == after.writes + 1)
        }
    }

    /// Prints (asserts nothing about speed) conversation inserts per second with the
    /// triggers firing per row and through `bulkWrite`, and the cost of one cache check.
    @Test func triggerCostPerRowIsPrinted() throws {
        try withTemporaryDirectory { directory in
            let snapshot = try Snapshot(path: directory + "/s.sqlite", mode: .create)
            let rows = 100_000
            let insert = try BulkInsert.conversations(snapshot)
            func batch(_ base: Int) -> [Conversation] {
                (0..<rows).map {
                    Conversation(
                        id: Int64(base + $0), ticketId: Int64($0 % 1000), personId: 1, conversationType: "response",
                        createdAt: Self.now)
                }
            }
            let plain = batch(1)
            let bulk = batch(1 + rows)
            let t0 = Date()
            try snapshot.write { _ in try insert.insert(plain) }
            let t1 = Date()
            try snapshot.bulkWrite { _ in try insert.insert(bulk) }
            let t2 = Date()
            let perRow = t1.timeIntervalSince(t0)
            let once = t2.timeIntervalSince(t1)
            print(
                "change counter: \(rows) conversation rows, triggers per row \(Int(Double(rows) / perRow)) rows/s, "
                    + "bulkWrite \(Int(Double(rows) / once)) rows/s")
            #expect(try snapshot.rowCounts()["conversations"] == 2 * rows)

            // What every report run adds to decide whether its cache is current.
            let calls = 1000
            let t3 = Date()
            for _ in 0..<calls { _ = try snapshot.reading { (try snapshot.contentStamp(), try snapshot.changeStamp()) } }
            let t4 = Date()
            for _ in 0..<calls { _ = try snapshot.contentStamp() }
            let t5 = Date()
            print(
                "change counter: content + change stamp \(Int(t4.timeIntervalSince(t3) * 1e6) / calls) µs per check, "
                    + "content stamp alone \(Int(t5.timeIntervalSince(t4) * 1e6) / calls) µs")
        }
    }
}
