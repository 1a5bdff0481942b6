-- title: Re-open rate by mailbox
-- description: Tickets created in the range, per mailbox: how many were resolved at some
--   point (resolved_at set), how many of those are open again now (status not closed while
--   resolved_at is set: Fluent Support keeps resolved_at when a ticket is re-opened), and
--   the re-open rate = re-opened / resolved, in percent (empty when nothing was resolved).
--   A ticket re-opened and closed again counts as resolved, not re-opened. Every mailbox
--   is listed; tickets without one show as "(none)".
-- params: :from, :to
WITH cohort AS (
    SELECT mailbox_id, status, resolved_at
    FROM tickets
    WHERE created_at >= :from_ts AND created_at < :to_ts
),
boxes AS (
    SELECT id AS mailbox_id FROM mailboxes
    UNION
    SELECT mailbox_id FROM cohort
),
counts AS (
    SELECT b.mailbox_id,
        COUNT(c.status) AS tickets,
        COUNT(c.resolved_at) AS resolved,
        COUNT(CASE WHEN c.status != 'closed' AND c.resolved_at IS NOT NULL THEN 1 END) AS reopened
    FROM boxes AS b
    LEFT JOIN cohort AS c ON c.mailbox_id IS b.mailbox_id
    GROUP BY b.mailbox_id
)
SELECT n.mailbox_id,
    CASE
        WHEN n.mailbox_id IS NULL THEN '(none)'
        ELSE COALESCE((SELECT name FROM mailboxes WHERE id = n.mailbox_id), '#' || n.mailbox_id)
    END AS mailbox,
    n.tickets,
    n.resolved,
    n.reopened,
    ROUND(100.0 * n.reopened / NULLIF(n.resolved, 0), 1) AS reopen_rate_pct
FROM counts AS n
ORDER BY n.mailbox_id IS NULL, n.mailbox_id;
