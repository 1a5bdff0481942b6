-- title: Oldest waiting tickets
-- description: Open tickets waiting for an agent, longest wait first. "Waiting" is the
--   agents-summary definition: not closed, waiting_since set, and no agent reply since the
--   customer's last message (or the ticket is still new); unassigned tickets are included
--   (empty agent_id). The wait is now − waiting_since; the age is now − created_at. Ticket
--   ids, mailbox and agent only: no customer names, emails or titles. Ignores --from/--to;
--   --now sets the clock, --param limit=N the number of rows.
-- params: :now, :limit = 25
SELECT
    t.id AS ticket_id,
    t.status,
    t.priority,
    COALESCE(m.name, CASE WHEN t.mailbox_id IS NULL THEN NULL ELSE '#' || t.mailbox_id END) AS mailbox,
    t.agent_id,
    CASE
        WHEN t.agent_id IS NULL THEN '(unassigned)'
        WHEN p.id IS NULL THEN '#' || t.agent_id
        ELSE TRIM(COALESCE(TRIM(p.first_name), '') || ' ' || COALESCE(TRIM(p.last_name), ''))
    END AS agent,
    datetime(t.waiting_since, 'unixepoch') AS waiting_since,
    :now_ts - t.waiting_since AS waiting_s,
    ROUND((:now_ts - t.waiting_since) / 3600.0, 1) AS waiting_h,
    ROUND((:now_ts - t.created_at) / 86400.0, 1) AS age_days
FROM tickets AS t
LEFT JOIN mailboxes AS m ON m.id = t.mailbox_id
LEFT JOIN persons AS p ON p.id = t.agent_id
WHERE t.status != 'closed'
    AND t.waiting_since IS NOT NULL
    AND (t.last_agent_response IS NULL
        OR t.last_agent_response < t.last_customer_response
        OR t.status = 'new')
ORDER BY t.waiting_since, t.id
LIMIT :limit;
