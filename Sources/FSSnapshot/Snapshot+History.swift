/// The raw close/reopen events of the snapshot's tickets, from both sources (SEMANTICS.md,
/// "Close / reopen history"): `ticket_closed` / `ticket_reopen` activities and internal_info
/// rows recognised as close / reopen. Events of tickets not in the snapshot are left out.
extension Snapshot {
    /// Calls `body` for every event ordered by `(ticket, time, source, id)`; `reopen` false
    /// is a close; `fromActivity` tells the source.
    public func scanCloseEvents(
        _ body: (_ ticketId: Int64, _ at: Int64, _ reopen: Bool, _ fromActivity: Bool) throws -> Void
    ) throws {
        let hasKinds = schemaVersion >= 3
        let notes =
            hasKinds
            ? """
            UNION ALL
            SELECT ticket_id, created_at, id, system_kind = 'reopen', 0 FROM conversations
            WHERE conversation_type = 'internal_info' AND system_kind IN ('close', 'reopen')
            """ : ""
        let s = try database.prepare(
            """
            SELECT e.* FROM (
                SELECT object_id AS ticket, created_at AS at, id, event_type = 'fluent_support/ticket_reopen' AS reopen,
                    1 AS activity
                FROM activities
                WHERE event_type IN ('fluent_support/ticket_closed', 'fluent_support/ticket_reopen') AND object_id IS NOT NULL
                \(notes)
            ) e JOIN tickets t ON t.id = e.ticket
            ORDER BY e.ticket, e.at, e.activity, e.id
            """)
        while try s.step() {
            try body(s.int64(0), s.int64(1), s.int64(3) != 0, s.int64(4) != 0)
        }
    }
}
