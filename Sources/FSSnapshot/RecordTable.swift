/// A helpdesk table of the snapshot, typed by the record its rows are (which owns the
/// columns): `.tickets` holds ``Ticket``s, `.mailboxes` and `.products` hold ``NamedEntity``s.
package struct RecordTable<Record: SnapshotRecord>: Sendable {
    package let name: String
}

extension RecordTable where Record == Ticket {
    package static var tickets: RecordTable { RecordTable(name: "tickets") }
}

extension RecordTable where Record == Conversation {
    package static var conversations: RecordTable { RecordTable(name: "conversations") }
}

extension RecordTable where Record == Person {
    package static var persons: RecordTable { RecordTable(name: "persons") }
}

extension RecordTable where Record == NamedEntity {
    package static var mailboxes: RecordTable { RecordTable(name: "mailboxes") }
    package static var products: RecordTable { RecordTable(name: "products") }
}

extension RecordTable where Record == Activity {
    package static var activities: RecordTable { RecordTable(name: "activities") }
}
