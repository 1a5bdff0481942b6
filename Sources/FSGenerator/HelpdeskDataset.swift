import FSSnapshot

/// A whole synthetic helpdesk in memory, rows as the snapshot stores them.
public struct HelpdeskDataset: Sendable {
    public var timezone: String
    public var now: Int64
    /// Agents first (ids `1...agents`), then customers.
    public var persons: [Person]
    public var mailboxes: [NamedEntity]
    public var products: [NamedEntity]
    /// Ascending id; ids ascend with `createdAt`.
    public var tickets: [Ticket]
    /// Ascending id. Ids are handed out ticket by ticket (a ticket's conversations get
    /// consecutive ids in time order), not globally by time.
    public var conversations: [Conversation]
    /// Ascending id, ids ascending with `createdAt`.
    public var activities: [Activity]

    public init(
        timezone: String, now: Int64, persons: [Person], mailboxes: [NamedEntity], products: [NamedEntity],
        tickets: [Ticket], conversations: [Conversation], activities: [Activity]
    ) {
        self.timezone = timezone
        self.now = now
        self.persons = persons
        self.mailboxes = mailboxes
        self.products = products
        self.tickets = tickets
        self.conversations = conversations
        self.activities = activities
    }

    /// Row counts of a dataset, as ``HelpdeskGenerator/write(_:to:progress:)`` reports them.
    public struct Counts: Sendable, Equatable {
        public var tickets: Int
        public var conversations: Int
        public var persons: Int
        public var activities: Int

        public init(tickets: Int, conversations: Int, persons: Int, activities: Int) {
            self.tickets = tickets
            self.conversations = conversations
            self.persons = persons
            self.activities = activities
        }
    }

    public var counts: Counts {
        Counts(
            tickets: tickets.count, conversations: conversations.count, persons: persons.count,
            activities: activities.count)
    }
}
