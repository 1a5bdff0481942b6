import FSSnapshot
import Foundation

/// A synthetic Fluent Support helpdesk that looks like a real one: weekday and
/// hour-of-day seasonality, growth, agents with different speeds and shifts,
/// back-and-forth with customers, notes, closures, re-openings and a waiting backlog;
/// every derived ticket field kept as the plugin keeps it. Deterministic per config.
public enum HelpdeskGenerator {
    /// Tickets per write transaction.
    static let batchSize = 5_000

    /// Whole dataset in memory (tests, the API emulator).
    public static func generate(_ config: GeneratorConfig) -> HelpdeskDataset {
        let world = GeneratorWorld(config: config)
        var stream = TicketStream(world: world)
        var tickets: [Ticket] = []
        tickets.reserveCapacity(config.tickets)
        var conversations: [Conversation] = []
        conversations.reserveCapacity(Int(Double(config.tickets) * config.conversationsPerTicket * 1.05))
        var pending: [PendingActivity] = []
        while let ticket = stream.next(conversations: &conversations, activities: &pending) {
            tickets.append(ticket)
        }
        return HelpdeskDataset(
            timezone: config.timezone, now: config.now, persons: (0..<world.personCount).map(world.person(at:)),
            mailboxes: Staff.mailboxes, products: Staff.products, tickets: tickets, conversations: conversations,
            activities: PendingActivity.finish(&pending, agents: world.agentCount))
    }

    /// Streams the same rows as ``generate(_:)`` into `snapshot`, replacing the helpdesk
    /// rows it had, in one write transaction per batch of ~5,000 tickets with their
    /// conversations. Sets meta `timezone`, `source` = `demo` and `last_sync_at`.
    /// Memory stays bounded by one batch plus the activity window.
    /// - Parameter progress: called after each batch with (tickets written, total tickets).
    /// - Throws: ``GeneratorError/notADemoSnapshot(path:source:)`` when the snapshot holds
    ///   rows that did not come from the generator; snapshot errors.
    @discardableResult
    public static func write(
        _ config: GeneratorConfig, to snapshot: Snapshot, progress: ((Int, Int) -> Void)? = nil
    ) throws -> HelpdeskDataset.Counts {
        let world = GeneratorWorld(config: config)
        let source = try snapshot.meta(MetaKey.source)
        if source != "demo" {
            let rows = try snapshot.rowCount(of: .tickets) + snapshot.rowCount(of: .persons)
            if rows > 0 { throw GeneratorError.notADemoSnapshot(path: snapshot.path, source: source) }
        }

        let insertPersons = try BulkInsert.persons(snapshot)
        let insertTickets = try BulkInsert.tickets(snapshot)
        let insertConversations = try BulkInsert.conversations(snapshot)
        let insertActivities = try BulkInsert.activities(snapshot)

        // The team, customers, mailboxes, products; earlier demo rows go.
        try snapshot.bulkWrite { writer in
            try writer.deleteAllRecords()
            try snapshot.setMeta(MetaKey.source, "demo")
            try snapshot.setMeta(MetaKey.timezone, config.timezone)
            try snapshot.setMeta(MetaKey.lastSyncAt, nil)
            var start = 0
            while start < world.personCount {
                let end = min(start + 10_000, world.personCount)
                try insertPersons.insert((start..<end).map(world.person(at:)))
                start = end
            }
            for mailbox in Staff.mailboxes { try writer.upsertMailbox(mailbox) }
            for product in Staff.products { try writer.upsertProduct(product) }
        }

        // Rows are built on a second thread while SQLite writes the previous batch.
        let pipe = BatchPipe<Batch>(capacity: 2)
        let producer = Thread {
            var stream = TicketStream(world: world)
            var pending: [PendingActivity] = []
            while true {
                var batch = Batch()
                batch.tickets.reserveCapacity(batchSize)
                batch.conversations.reserveCapacity(Int(Double(batchSize) * config.conversationsPerTicket * 1.3))
                while batch.tickets.count < batchSize,
                    let ticket = stream.next(conversations: &batch.conversations, activities: &pending)
                {
                    batch.tickets.append(ticket)
                }
                if batch.tickets.isEmpty {
                    batch.activities = PendingActivity.finish(&pending, agents: world.agentCount)
                    _ = pipe.put(batch)
                    break
                }
                guard pipe.put(batch) else { break }
            }
            pipe.finish()
        }
        producer.start()
        defer { pipe.cancelAndWait() }

        var counts = HelpdeskDataset.Counts(tickets: 0, conversations: 0, persons: world.personCount, activities: 0)
        var activities: [Activity] = []
        while let batch = pipe.take() {
            guard !batch.tickets.isEmpty else {
                activities = batch.activities
                break
            }
            try snapshot.bulkWrite(tables: ["tickets", "conversations"]) { _ in
                try insertTickets.insert(batch.tickets)
                try insertConversations.insert(batch.conversations)
            }
            counts.tickets += batch.tickets.count
            counts.conversations += batch.conversations.count
            progress?(counts.tickets, config.tickets)
        }

        // The activity log (ids ascend with time across all tickets), then mark it done.
        try snapshot.bulkWrite(tables: ["activities"]) { _ in
            try insertActivities.insert(activities)
            try snapshot.setMeta(MetaKey.lastSyncAt, LocalTime.format(config.now))
        }
        counts.activities = activities.count
        return counts
    }

    /// One write transaction's rows; the last batch carries only the activity log.
    struct Batch: Sendable {
        var tickets: [Ticket] = []
        var conversations: [Conversation] = []
        var activities: [Activity] = []
    }
}
