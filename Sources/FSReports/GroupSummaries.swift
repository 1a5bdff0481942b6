/// product-summary / mailbox-summary: one entry per product (mailbox) that has a ticket.
public struct GroupSummaries: Sendable, Equatable {
    public enum Dimension: String, Sendable {
        case product, mailbox
    }

    public var dimension: Dimension
    /// Sorted by id.
    public var entries: [GroupSummary]

    public init(dimension: Dimension, entries: [GroupSummary]) {
        self.dimension = dimension
        self.entries = entries
    }
}

/// One product's (mailbox's) numbers over a range.
public struct GroupSummary: Sendable, Equatable {
    public var id: Int64
    /// The product's title or the mailbox's name.
    public var name: String
    /// Conversations of every type created in the range on the group's tickets (the plugin's figure).
    public var responses: Int
    /// Tickets not closed, created in the range.
    public var opens: Int
    /// Tickets closed, resolved in the range.
    public var closed: Int
    /// Distinct tickets with at least one `response` (by anyone) in the range.
    public var interactions: Int
    /// Conversations of type `response` written by agents in the range.
    public var agentResponses: Int

    public init(id: Int64, name: String, responses: Int, opens: Int, closed: Int, interactions: Int, agentResponses: Int) {
        self.id = id
        self.name = name
        self.responses = responses
        self.opens = opens
        self.closed = closed
        self.interactions = interactions
        self.agentResponses = agentResponses
    }
}
