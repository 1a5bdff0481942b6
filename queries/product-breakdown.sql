-- title: Product breakdown: created, closed and open tickets
-- description: Per product: tickets created in the range; tickets closed in the range (status
--   closed and resolved_at in the range, as resolve-growth counts them); tickets open now
--   (status not closed, whatever their age, as agents-summary's "opens"); of those, the ones
--   waiting for an agent (the agents-summary definition); and the median hours to the first
--   agent response of the tickets created in the range. Every product is listed, even with
--   nothing to count; tickets without one show as "(none)".
-- params: :from, :to
WITH keys AS (
    SELECT id AS product_id FROM products
    UNION
    SELECT product_id FROM tickets
),
created AS (
    SELECT product_id, first_response_time AS v
    FROM tickets
    WHERE created_at >= :from_ts AND created_at < :to_ts
),
created_median AS (
    SELECT product_id, AVG(v) AS m
    FROM (
        SELECT product_id, v,
            ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY v) AS rn,
            COUNT(*) OVER (PARTITION BY product_id) AS n
        FROM created
        WHERE v IS NOT NULL
    )
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY product_id
),
counts AS (
    SELECT k.product_id,
        COUNT(CASE WHEN t.created_at >= :from_ts AND t.created_at < :to_ts THEN 1 END) AS created,
        COUNT(CASE WHEN t.status = 'closed' AND t.resolved_at >= :from_ts AND t.resolved_at < :to_ts
            THEN 1 END) AS closed,
        COUNT(CASE WHEN t.status != 'closed' THEN 1 END) AS open_now,
        COUNT(CASE WHEN t.status != 'closed' AND t.waiting_since IS NOT NULL
            AND (t.last_agent_response IS NULL OR t.last_agent_response < t.last_customer_response
                OR t.status = 'new') THEN 1 END) AS waiting_now
    FROM keys AS k
    LEFT JOIN tickets AS t ON t.product_id IS k.product_id
    GROUP BY k.product_id
)
SELECT n.product_id,
    CASE
        WHEN n.product_id IS NULL THEN '(none)'
        ELSE COALESCE((SELECT name FROM products WHERE id = n.product_id), '#' || n.product_id)
    END AS product,
    n.created,
    n.closed,
    n.open_now,
    n.waiting_now,
    ROUND(m.m / 3600.0, 2) AS median_first_response_h
FROM counts AS n
LEFT JOIN created_median AS m ON m.product_id IS n.product_id
ORDER BY n.product_id IS NULL, n.product_id;
