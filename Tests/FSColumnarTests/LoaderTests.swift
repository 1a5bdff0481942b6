import FSGenerator
import FSReports
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@testable import FSColumnar

/// The loader's behaviour at the edges, as documented on ``ColumnarStore`` and
/// ``ColumnarBuilder``, from a real snapshot file and from the builder.
@Suite struct LoaderTests {
    static let now = LocalTime.parse("2026-11-20 12:00:00")!
    static func t(_ s: String) -> Int64 { LocalTime.parse(s)! }

    static let persons = [
        Person(id: 1, personType: "agent", firstName: "Ada", lastName: "Admin"),
        Person(id: 2, personType: "agent", firstName: "Bob", lastName: "Baker"),
        Person(id: 10, personType: "customer", firstName: "Carl", lastName: "Customer", email: "carl@example.test"),
    ]
    static let tickets = [
        Ticket(id: 100, customerId: 10, agentId: 1, mailboxId: 1, status: "active", createdAt: t("2026-11-19 08:00:00")),
        // Assigned to a person id the snapshot does not know.
        Ticket(
            id: 101, customerId: 10, agentId: 99, mailboxId: 1, status: "closed", createdAt: t("2026-11-19 09:00:00"),
            resolvedAt: t("2026-11-19 10:00:00")),
        Ticket(id: 102, customerId: 10, agentId: nil, mailboxId: 7, status: "pending", createdAt: t("2026-11-19 07:00:00")),
    ]
    static let conversations = [
        Conversation(id: 1, ticketId: 100, personId: 1, conversationType: "response", createdAt: t("2026-11-19 09:00:00")),
        // Author unknown to the persons table.
        Conversation(id: 2, ticketId: 100, personId: 77, conversationType: "response", createdAt: t("2026-11-19 09:30:00")),
        // No author.
        Conversation(id: 3, ticketId: 100, personId: nil, conversationType: "note", createdAt: t("2026-11-19 09:40:00")),
        Conversation(id: 4, ticketId: 100, personId: nil, conversationType: "response", createdAt: t("2026-11-19 09:45:00")),
        // Orphan: its ticket is not in the snapshot.
        Conversation(id: 5, ticketId: 555, personId: 1, conversationType: "response", createdAt: t("2026-11-19 09:50:00")),
        Conversation(id: 6, ticketId: 101, personId: 10, conversationType: "response", createdAt: t("2026-11-19 09:05:00")),
        Conversation(id: 7, ticketId: 101, personId: 1, conversationType: "response", createdAt: t("2026-11-19 09:55:00")),
        Conversation(id: 8, ticketId: 100, personId: 1, conversationType: "response", createdAt: t("2026-11-19 11:00:00")),
    ]

    static func snapshotStore(in directory: String) throws -> ColumnarStore {
        let path = directory + "/edge.sqlite"
        let snapshot = try Snapshot(path: path, mode: .create)
        try snapshot.write { w in
            for p in persons { try w.upsert(p) }
            try w.upsertMailbox(NamedEntity(id: 1, name: "Support"))
            for t in tickets { try w.upsert(t) }
            for c in conversations { try w.upsert(c) }
        }
        return try ColumnarStore.load(from: try Snapshot(path: path, mode: .readOnly))
    }

    static func builderStore(reversed: Bool) -> ColumnarStore {
        var builder = ColumnarBuilder()
        for c in reversed ? conversations.reversed() : conversations { builder.add(c) }
        for t in reversed ? tickets.reversed() : tickets { builder.addTicket(t) }
        for p in reversed ? persons.reversed() : persons { builder.addPerson(p) }
        builder.addMailbox(NamedEntity(id: 1, name: "Support"))
        return builder.build()
    }

    @Test func unknownAuthorGetsAPlaceholderPerson() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.snapshotStore(in: directory)
            #expect(store.personIDs == [1, 2, 10, 77])
            #expect(store.personIsAgent == [true, true, false, false])
            let placeholder = Int(store.personIndex(id: 77)!)
            #expect(store.personFirstName[placeholder] == nil && store.personLastName[placeholder] == nil)
            #expect(store.responseRange(person: placeholder).count == 1)
            #expect(!store.agentIndexes.contains(Int32(placeholder)))
        }
    }

    @Test func conversationWithoutAuthorGoesToTheAuthorlessGroup() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.snapshotStore(in: directory)
            let none = store.personCount
            #expect(store.responseRange(person: none).count == 1)
            #expect(store.otherConversationRange(person: none).count == 1)
            #expect(store.conversationCount(person: Int(store.personIndex(id: 1)!)) == 3)
        }
    }

    @Test func orphanConversationIsDropped() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.snapshotStore(in: directory)
            #expect(store.conversationCount == Self.conversations.count - 1)
            let ada = Int(store.personIndex(id: 1)!)
            #expect(store.responseRange(person: ada).count == 3)  // 1, 7, 8; not the orphan 5
            let request = ReportRequest(now: Self.now)
            guard case .overall(let items) = try Reports.run(.overall, store: store, request: request) else {
                Issue.record("overall")
                return
            }
            #expect(items.first { $0.key == "responses" }?.count == 6)  // 1, 2, 4, 6, 7, 8: every author, not the orphan
        }
    }

    @Test func unknownAndMissingAssigneesMatchNoAgent() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.snapshotStore(in: directory)
            let row = { (id: Int64) in store.ticketIDs.firstIndex(of: id)! }
            #expect(store.ticketAgent[row(100)] == store.personIndex(id: 1)!)
            #expect(store.ticketAgent[row(101)] == -2)
            #expect(store.ticketAgent[row(102)] == -1)
            #expect(store.ticketMailbox[row(102)] == -2)  // mailbox 7 is unknown
            #expect(store.ticketStatus[row(102)] == TicketStatusCode.other)
            #expect(store.assigneeClosedRange(person: store.personCount).count == 1)
            #expect(store.openRange(person: store.personCount).count == 1)
            #expect(store.ticketIDs == [102, 100, 101], "tickets are ordered by creation")
        }
    }

    @Test func builderInAnyOrderEqualsTheSnapshotLoad() throws {
        try withTemporaryDirectory { directory in
            let fromSnapshot = try Self.snapshotStore(in: directory)
            #expect(Self.builderStore(reversed: false) == fromSnapshot)
            #expect(Self.builderStore(reversed: true) == fromSnapshot)
            #expect(fromSnapshot.layoutProblem() == nil)
        }
    }

    @Test func sameTicketLinksCountDistinctTickets() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory, seed: 3, tickets: 1500)
            let store = try ColumnarStore.load(from: try Snapshot(path: path, mode: .readOnly))
            var rng = SystemRandomNumberGenerator()
            for p in 0...store.personCount {
                for range in [store.responseRange(person: p), store.otherConversationRange(person: p)] where !range.isEmpty {
                    for _ in 0..<4 {
                        let a = Int.random(in: range, using: &rng)
                        let b = Int.random(in: a...range.upperBound, using: &rng)
                        let distinct = Set(store.conversationTicket[a..<b]).count
                        let linked = (a..<b).filter { store.conversationPrevSameTicket[$0] < a }.count
                        #expect(linked == distinct)
                    }
                }
            }
        }
    }

    @Test func twoConnectionLoadEqualsOneConnectionLoad() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory, seed: 4, tickets: 2000)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let parallel = try ColumnarStore.load(from: snapshot, parallelAbove: 0)
            let sequential = try ColumnarStore.load(from: snapshot, parallelAbove: .max)
            #expect(parallel == sequential)
            #expect(parallel.conversationCount > 5_000)
        }
    }

    @Test(arguments: [0, 1, 2, 1000, 70_000])
    func radixOrderIsAStableSort(count: Int) {
        var rng = SystemRandomNumberGenerator()
        let width = UInt64.random(in: 1...63, using: &rng)
        let keys = (0..<count).map { _ in UInt64.random(in: 0...(1 << width), using: &rng) / 3 }
        let order = RadixSort.stableOrder(keys).map(Int.init)
        let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        #expect(order == expected)
    }
}
