import FSSnapshot

/// Produces the tickets in id order, one at a time, with their conversations and
/// activity events: the single source of rows for both `generate` and `write`.
struct TicketStream {
    let world: GeneratorWorld
    private var slot = 0
    private var slotTimes: [Int64] = []
    private var slotPosition = 0
    private(set) var nextTicketId: Int64 = 1
    private(set) var nextConversationId: Int64 = 1

    init(world: GeneratorWorld) { self.world = world }

    /// Appends the next ticket's conversations and activities; returns the ticket, or nil
    /// when all tickets are out.
    mutating func next(conversations: inout [Conversation], activities: inout [PendingActivity]) -> Ticket? {
        while slotPosition >= slotTimes.count {
            guard slot < world.schedule.counts.count else { return nil }
            world.schedule.times(slot: slot, seed: world.config.seed, into: &slotTimes)
            slot += 1
            slotPosition = 0
        }
        let createdAt = slotTimes[slotPosition]
        slotPosition += 1
        let id = nextTicketId
        nextTicketId += 1
        var life = TicketLife(
            world: world, id: id, createdAt: createdAt, firstConversationId: nextConversationId,
            conversations: conversations, activities: activities)
        conversations = []  // hand the buffers over without copying
        activities = []
        life.run()
        nextConversationId = life.nextConversationId
        conversations = life.conversations
        activities = life.activities
        return life.ticket
    }
}
