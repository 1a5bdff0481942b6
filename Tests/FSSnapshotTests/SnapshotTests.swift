import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@Suite("Snapshot")
struct SnapshotTests {
    @Test func creatingSetsApplicationIdAndSchemaVersion() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/nested/s.sqlite", mode: .create)
            #expect(try snapshot.database.scalarInt("PRAGMA application_id") == Int64(Snapshot.applicationID))
            let version = try snapshot.database.scalarInt("PRAGMA user_version")
            #expect(version != nil && version! >= 1)
            #expect(snapshot.schemaVersion == Int(version!))
            #expect(try snapshot.generation() == 0)
        }
    }

    @Test func reopeningKeepsTheRows() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            do {
                let snapshot = try Snapshot(path: path, mode: .create)
                try snapshot.setMeta(MetaKey.timezone, "Europe/Berlin")
                try snapshot.write { w in
                    try w.upsert(Person(id: 1, personType: "agent", firstName: "Michael ", lastName: "T"))
                    try w.upsert(Ticket(id: 5, agentId: 1, status: "active", createdAt: 100, responseCount: 2))
                }
            }
            for mode in [Snapshot.Mode.readWrite, .readOnly, .create] {
                let snapshot = try Snapshot(path: path, mode: mode)
                #expect(try snapshot.ticketIDs() == [5])
                #expect(try snapshot.persons().first?.firstName == "Michael ")
                #expect(try snapshot.meta(MetaKey.timezone) == "Europe/Berlin")
                #expect(try snapshot.siteClock().identifier == "Europe/Berlin")
                #expect(try snapshot.generation() == 1)
            }
        }
    }

    @Test func aTextFileIsNotASnapshot() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/notes.sqlite"
            try String(repeating: "just some text, not a database\n", count: 200)
                .write(toFile: path, atomically: true, encoding: .utf8)
            for mode in [Snapshot.Mode.readOnly, .readWrite, .create] {
                expectNotASnapshot(path: path) { _ = try Snapshot(path: path, mode: mode) }
            }
        }
    }

    @Test func anotherApplicationsDatabaseIsNotASnapshot() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/other.sqlite"
            do {
                let database = try Database(path: path, mode: .readWriteCreate)
                try database.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
            }
            for mode in [Snapshot.Mode.readOnly, .readWrite, .create] {
                expectNotASnapshot(path: path) { _ = try Snapshot(path: path, mode: mode) }
            }
            // Left untouched.
            let database = try Database(path: path, mode: .readOnly)
            #expect(try database.scalarInt("PRAGMA application_id") == 0)
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            do {
                _ = try Snapshot(path: path, mode: .create)
                let database = try Database(path: path, mode: .readWrite)
                try database.execute("PRAGMA user_version = 99")
            }
            for mode in [Snapshot.Mode.readOnly, .readWrite] {
                do {
                    _ = try Snapshot(path: path, mode: mode)
                    Issue.record("opened a snapshot with schema version 99")
                } catch SnapshotError.newerSchema(let p, let found, let supported) {
                    #expect(p == path && found == 99 && supported < 99)
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
    }

    @Test func aMissingFileIsReportedUnlessCreating() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/missing.sqlite"
            for mode in [Snapshot.Mode.readOnly, .readWrite] {
                do {
                    _ = try Snapshot(path: path, mode: mode)
                    Issue.record("opened a missing snapshot")
                } catch SnapshotError.missing(let p) {
                    #expect(p == path)
                    #expect(SnapshotError.missing(path: p).description.contains(path))
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func replaceConversationsAndDeleteTicket() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            func conversation(_ id: Int64, _ ticket: Int64) -> Conversation {
                Conversation(id: id, ticketId: ticket, personId: 1, conversationType: "response", createdAt: id)
            }
            try snapshot.write { w in
                try w.upsert(Ticket(id: 1, status: "active", createdAt: 0))
                try w.upsert(Ticket(id: 2, status: "active", createdAt: 0))
                for id in 1...3 { try w.upsert(conversation(Int64(id), 1)) }
                try w.upsert(conversation(4, 2))
            }
            try snapshot.write { w in
                var changed = conversation(3, 1)
                changed.conversationType = "note"
                try w.replaceConversations(ofTicket: 1, with: [conversation(1, 1), changed])
            }
            #expect(try snapshot.conversations(ofTicket: 1).map(\.id) == [1, 3])
            #expect(try snapshot.conversations(ofTicket: 1).last?.conversationType == "note")
            #expect(try snapshot.conversations(ofTicket: 2).map(\.id) == [4])

            try snapshot.write { w in try w.deleteTicket(id: 1) }
            #expect(try snapshot.ticketIDs() == [2])
            #expect(try snapshot.conversations(ofTicket: 1).isEmpty)
            #expect(try snapshot.rowCounts()["conversations"] == 1)

            try snapshot.write { w in try w.deleteConversation(id: 4) }
            #expect(try snapshot.rowCounts()["conversations"] == 0)
            #expect(try snapshot.generation() == 4)
        }
    }

    @Test func upsertUpdatesInPlace() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            try snapshot.write { w in try w.upsert(Ticket(id: 9, status: "new", createdAt: 10)) }
            try snapshot.write { w in
                try w.upsert(Ticket(id: 9, status: "closed", createdAt: 10, resolvedAt: 50, closedBy: 3, totalCloseTime: 40))
            }
            var tickets: [Ticket] = []
            try snapshot.forEachTicket { tickets.append($0) }
            #expect(tickets == [Ticket(id: 9, status: "closed", createdAt: 10, resolvedAt: 50, closedBy: 3, totalCloseTime: 40)])
        }
    }

    struct Boom: Error {}

    @Test func aThrowingWriteRollsBack() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            try snapshot.write { w in try w.upsert(Ticket(id: 1, status: "new", createdAt: 0)) }
            let generation = try snapshot.generation()
            #expect(throws: Boom.self) {
                try snapshot.write { w in
                    try w.upsert(Ticket(id: 2, status: "new", createdAt: 0))
                    try w.deleteTicket(id: 1)
                    throw Boom()
                }
            }
            #expect(try snapshot.ticketIDs() == [1])
            #expect(try snapshot.generation() == generation)
            // Still usable afterwards.
            try snapshot.write { w in try w.upsert(Ticket(id: 3, status: "new", createdAt: 0)) }
            #expect(try snapshot.ticketIDs() == [1, 3])
        }
    }

    @Test func readOnlySnapshotsRefuseWrites() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            _ = try Snapshot(path: path, mode: .create)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            #expect(throws: (any Error).self) {
                try snapshot.write { w in try w.upsert(Ticket(id: 1, status: "new", createdAt: 0)) }
            }
        }
    }

    private func expectNotASnapshot(path: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("opened \(path) as a snapshot", sourceLocation: sourceLocation)
        } catch SnapshotError.notASnapshot(let p, _) {
            #expect(p == path, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected notASnapshot, got \(error)", sourceLocation: sourceLocation)
        }
    }
}
