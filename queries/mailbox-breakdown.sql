-- title: Mailbox breakdown: created, closed and open tickets
-- description: Per mailbox: tickets created in the range; tickets closed in the range (status
--   closed and resolved_at in the range, as resolve-growth counts them); tickets open now
--   (status not closed, whatever their age, as agents-summary's "opens"); of those, the ones
--   waiting for an agent (the agents-summary definition); and the median hours to the first
--   agent response of the tickets created in the range. Every mailbox is listed, even with
--   nothing to count; tickets without one show as "(none)".
-- params: :from, :to
WITH keys AS (
    SELECT id AS mailbox_id FROM mailboxes
    UNION
    SELECT mailbox_id FROM tickets
),
created AS (
    SELECT mailbox_id, first_response_time AS v
    FROM tickets
    WHERE created_at >= :from_ts AND created_at < :to_ts
),
created_median AS (
    SELECT mailbox_id, AVG(v) AS m
    FROM (
        SELECT mailbox_id, v,
            ROW_NUMBER() OVER (PARTITION BY mailbox_id ORDER BY v) AS rn,
            COUNT(*) OVER (PARTITION BY mailbox_id) AS n
        FROM created
        WHERE v IS NOT NULL
    )
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY mailbox_id
),
counts AS (
    SELECT k.mailbox_id,
        COUNT(CASE WHEN t.created_at >= :from_ts AND t.created_at < :to_ts THEN 1 END) AS created,
        COUNT(CASE WHEN t.status = 'closed' AND t.resolved_at >= :from_ts AND t.resolved_at < :to_ts
            THEN 1 END) AS closed,
        COUNT(CASE WHEN t.status != 'closed' THEN 1 END) AS open_now,
        COUNT(CASE WHEN t.status != 'closed' AND t.waiting_since IS NOT NULL
            AND (t.last_agent_response IS NULL OR t.last_agent_response < t.last_customer_response
                OR t.status = 'new') THEN 1 END) AS waiting_now
    FROM keys AS k
    LEFT JOIN tickets AS t ON t.mailbox_id IS k.mailbox_id
    GROUP BY k.mailbox_id
)
SELECT n.mailbox_id,
    CASE
        WHEN n.mailbox_id IS NULL THEN '(none)'
        ELSE COALESCE((SELECT name FROM mailboxes WHERE id = n.mailbox_id), '#' || n.mailbox_id)
    END AS mailbox,
    n.created,
    n.closed,
    n.open_now,
    n.waiting_now,
    ROUND(m.m / 3600.0, 2) AS median_first_response_h
FROM counts AS n
LEFT JOIN created_median AS m ON m.mailbox_id IS n.mailbox_id
ORDER BY n.mailbox_id IS NULL, n.mailbox_id;
