import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// Migration 3 (the internal_info kind) and the generator's close/reopen rows: what the
/// close/reopen history is rebuilt from.
@Suite("Close and reopen history in the snapshot")
struct CloseHistoryTests {
    @Test("a version-2 snapshot gains system_kind in place; old rows read as unknown, new rows keep their kind")
    func versionTwoUpgradesInPlace() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/s.sqlite"
            do {
                let snapshot = try Snapshot(path: path, mode: .create)
                try snapshot.write { w in
                    try w.upsert(Ticket(id: 1, status: "closed", createdAt: 1000))
                }
                try BulkInsert.conversations(snapshot).insert([
                    Conversation(id: 10, ticketId: 1, personId: 2, conversationType: "internal_info", createdAt: 2000)
                ])
                // As builds before migration 3 left it.
                try snapshot.database.execute(
                    "ALTER TABLE conversations DROP COLUMN system_kind; PRAGMA user_version = 2;")
            }
            let upgraded = try Snapshot(path: path, mode: .readWrite)
            #expect(upgraded.schemaVersion == 3)
            #expect(try upgraded.changeStamp() != nil)  // migration 2's triggers untouched
            #expect(try upgraded.conversations(ofTicket: 1).map(\.systemKind) == [nil])
            try BulkInsert.conversations(upgraded).insert([
                Conversation(
                    id: 11, ticketId: 1, personId: 9, conversationType: "internal_info", createdAt: 3000,
                    systemKind: .reopen)
            ])
            #expect(try upgraded.conversations(ofTicket: 1).map(\.systemKind) == [nil, .reopen])
        }
    }

    @Test("the generator writes what a real site does: per close a system line and ticket_closed, per reopen likewise")
    func generatorRowsMatchARealSite() {
        let d = HelpdeskGeneratorTests.dataset
        let info = d.conversations.filter { $0.conversationType == "internal_info" }
        #expect(info.allSatisfy { $0.systemKind == .close || $0.systemKind == .reopen })
        #expect(d.conversations.filter { $0.conversationType != "internal_info" }.allSatisfy { $0.systemKind == nil })
        let reopens = info.filter { $0.systemKind == .reopen }
        #expect(!reopens.isEmpty)
        // Every system line inside the activity window has its activity at the same instant.
        let since = d.activities.map(\.createdAt).min() ?? .max
        var events = Set<String>()
        for a in d.activities where a.eventType == "fluent_support/ticket_closed" || a.eventType == "fluent_support/ticket_reopen"
        {
            events.insert("\(a.eventType)|\(a.objectId ?? 0)|\(a.createdAt)")
        }
        for c in info where c.createdAt >= since {
            let name = c.systemKind == .close ? "fluent_support/ticket_closed" : "fluent_support/ticket_reopen"
            #expect(events.contains("\(name)|\(c.ticketId)|\(c.createdAt)"), "conversation \(c.id)")
        }
        // A reopen follows a close of its ticket, and the ticket's kinds alternate.
        let byTicket = Dictionary(grouping: info, by: \.ticketId)
        for (_, rows) in byTicket {
            let kinds = rows.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }.compactMap(\.systemKind)
            for (i, k) in kinds.enumerated() { #expect(k == (i % 2 == 0 ? .close : .reopen)) }
        }
    }
}
