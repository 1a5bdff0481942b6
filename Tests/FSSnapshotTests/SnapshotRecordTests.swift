import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// Each record type's one column list against the tables the migrations create, and both
/// writers (one-row upserts, multi-row bulk inserts) putting every field in its own column.
@Suite("Snapshot records")
struct SnapshotRecordTests {
    static let lists: [(table: String, columns: [SnapshotColumn])] = [
        ("tickets", Ticket.columns), ("conversations", Conversation.columns), ("persons", Person.columns),
        ("mailboxes", NamedEntity.columns), ("products", NamedEntity.columns), ("activities", Activity.columns),
    ]

    @Test(arguments: lists)
    func columnListMatchesTheMigratedTable(table: String, columns: [SnapshotColumn]) throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            let info = try snapshot.database.prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?1) ORDER BY cid")
            try info.bind([.text(table)])
            var actual: [String] = []
            while try info.step() {
                actual.append("\(info.text(0) ?? "") \(info.text(1) ?? "")" + (info.int64(2) != 0 ? " NOT NULL" : ""))
            }
            #expect(!actual.isEmpty, "no table \(table)")
            #expect(columns.map(\.description) == actual)
            #expect(columns.first?.name == "id")
        }
    }

    // One record of each type with a different value in every field, and where each value
    // must land, spelled by hand from the CREATE TABLEs of migration 1.
    static let ticket = Ticket(
        id: 1, customerId: 2, agentId: 3, mailboxId: 4, productId: 5, status: "s6", priority: "p7",
        clientPriority: "c8", createdAt: 9, updatedAt: 10, resolvedAt: 11, closedBy: 12, lastAgentResponse: 13,
        lastCustomerResponse: 14, waitingSince: 15, responseCount: 16, firstResponseTime: 17, totalCloseTime: 18,
        previewResponseId: 19)
    static let conversation = Conversation(
        id: 21, ticketId: 1, personId: 23, conversationType: "t24", createdAt: 25, systemKind: .reopen)
    static let person = Person(id: 31, personType: "p32", firstName: "f33", lastName: "l34", email: "e35", photo: "u36")
    static let activity = Activity(
        id: 41, personId: 42, personType: "p43", eventType: "e44", objectType: "o45", objectId: 46, createdAt: 47)
    static let mailbox = NamedEntity(id: 51, name: "m52")
    static let product = NamedEntity(id: 61, name: "p62")

    static let expectedRows: [String: [String: SQLValue]] = [
        "tickets": [
            "id": .integer(1), "customer_id": .integer(2), "agent_id": .integer(3), "mailbox_id": .integer(4),
            "product_id": .integer(5), "status": .text("s6"), "priority": .text("p7"), "client_priority": .text("c8"),
            "created_at": .integer(9), "updated_at": .integer(10), "resolved_at": .integer(11),
            "closed_by": .integer(12), "last_agent_response": .integer(13), "last_customer_response": .integer(14),
            "waiting_since": .integer(15), "response_count": .integer(16), "first_response_time": .integer(17),
            "total_close_time": .integer(18), "preview_response_id": .integer(19),
        ],
        "conversations": [
            "id": .integer(21), "ticket_id": .integer(1), "person_id": .integer(23),
            "conversation_type": .text("t24"), "created_at": .integer(25), "system_kind": .text("reopen"),
        ],
        "persons": [
            "id": .integer(31), "person_type": .text("p32"), "first_name": .text("f33"), "last_name": .text("l34"),
            "email": .text("e35"), "photo": .text("u36"),
        ],
        "activities": [
            "id": .integer(41), "person_id": .integer(42), "person_type": .text("p43"), "event_type": .text("e44"),
            "object_type": .text("o45"), "object_id": .integer(46), "created_at": .integer(47),
        ],
        "mailboxes": ["id": .integer(51), "name": .text("m52")],
        "products": ["id": .integer(61), "name": .text("p62")],
    ]

    @Test(arguments: [false, true])
    func everyFieldLandsInItsColumn(bulk: Bool) throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            try snapshot.write { w in
                if bulk {
                    try BulkInsert.tickets(snapshot).insert([Self.ticket])
                    try BulkInsert.conversations(snapshot).insert([Self.conversation])
                    try BulkInsert.persons(snapshot).insert([Self.person])
                    try BulkInsert.activities(snapshot).insert([Self.activity])
                } else {
                    try w.upsert(Self.ticket)
                    try w.upsert(Self.conversation)
                    try w.upsert(Self.person)
                    try w.upsert(Self.activity)
                }
                try w.upsertMailbox(Self.mailbox)
                try w.upsertProduct(Self.product)
            }
            for (table, expected) in Self.expectedRows {
                let s = try snapshot.database.prepare("SELECT * FROM \(table)")
                #expect(try s.step(), "\(table) is empty")
                var row: [String: SQLValue] = [:]
                for index in 0..<s.columnCount { row[s.columnName(index)] = s.value(Int32(index)) }
                #expect(row == expected, "\(table)")
            }
            var tickets: [Ticket] = []
            try snapshot.forEachTicket { tickets.append($0) }
            #expect(tickets == [Self.ticket])
            #expect(try snapshot.conversations(ofTicket: 1) == [Self.conversation])
            #expect(try snapshot.persons() == [Self.person])
            #expect(try snapshot.activities() == [Self.activity])
            #expect(try snapshot.mailboxes() == [Self.mailbox])
            #expect(try snapshot.products() == [Self.product])
        }
    }

    @Test func bulkInsertsFillWholeStatementsAndTheRest() throws {
        // 50 tickets per multi-row statement: 120 rows are two full statements and 20 single rows.
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            let tickets = (1...120).map { Ticket(id: Int64($0), status: "new", createdAt: Int64($0) * 10) }
            try snapshot.write { _ in try BulkInsert.tickets(snapshot).insert(tickets) }
            var read: [Ticket] = []
            try snapshot.forEachTicket { read.append($0) }
            #expect(read == tickets)
        }
    }

    @Test func upsertReplacesEveryColumnButTheId() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            var changed = Self.ticket
            changed.customerId = nil
            changed.status = "closed"
            changed.previewResponseId = 99
            try snapshot.write { w in
                try w.upsert(Self.ticket)
                try w.upsert(changed)
            }
            var tickets: [Ticket] = []
            try snapshot.forEachTicket { tickets.append($0) }
            #expect(tickets == [changed])
        }
    }
}
