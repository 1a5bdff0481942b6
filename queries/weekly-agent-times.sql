-- title: Weekly first response and resolution time by agent
-- description: For each 7-day window starting at --from (labelled by its first date, the
--   last one cut at --to) and each assigned agent: tickets created in the window, how many
--   of them got an agent response and the median hours to it (first_response_time); tickets
--   closed in the window (status closed, resolved_at in the window, as resolve-growth counts
--   them) and the median hours from creation to close (total_close_time). Medians of an
--   even count are the mean of the two middle values. Unassigned tickets show as
--   "(unassigned)" with an empty agent_id. Only agent names, no customer data.
-- params: :from, :to
WITH created AS (
    SELECT COALESCE(agent_id, 0) AS agent, (created_at - :from_ts) / 604800 AS week,
        first_response_time AS v
    FROM tickets
    WHERE created_at >= :from_ts AND created_at < :to_ts
),
closed AS (
    SELECT COALESCE(agent_id, 0) AS agent, (resolved_at - :from_ts) / 604800 AS week,
        total_close_time AS v
    FROM tickets
    WHERE status = 'closed' AND resolved_at >= :from_ts AND resolved_at < :to_ts
),
created_median AS (
    SELECT agent, week, AVG(v) AS m
    FROM (
        SELECT agent, week, v,
            ROW_NUMBER() OVER (PARTITION BY agent, week ORDER BY v) AS rn,
            COUNT(*) OVER (PARTITION BY agent, week) AS n
        FROM created
        WHERE v IS NOT NULL
    )
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY agent, week
),
closed_median AS (
    SELECT agent, week, AVG(v) AS m
    FROM (
        SELECT agent, week, v,
            ROW_NUMBER() OVER (PARTITION BY agent, week ORDER BY v) AS rn,
            COUNT(*) OVER (PARTITION BY agent, week) AS n
        FROM closed
        WHERE v IS NOT NULL
    )
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY agent, week
),
created_count AS (
    SELECT agent, week, COUNT(*) AS created, COUNT(v) AS answered FROM created GROUP BY agent, week
),
closed_count AS (
    SELECT agent, week, COUNT(*) AS closed FROM closed GROUP BY agent, week
),
cells AS (
    SELECT agent, week FROM created UNION SELECT agent, week FROM closed
)
SELECT
    date(:from_ts + k.week * 604800, 'unixepoch') AS week_start,
    NULLIF(k.agent, 0) AS agent_id,
    CASE
        WHEN k.agent = 0 THEN '(unassigned)'
        ELSE COALESCE(
            (SELECT TRIM(COALESCE(TRIM(p.first_name), '') || ' ' || COALESCE(TRIM(p.last_name), ''))
             FROM persons AS p WHERE p.id = k.agent),
            '#' || k.agent)
    END AS agent,
    COALESCE(cc.created, 0) AS created,
    COALESCE(cc.answered, 0) AS answered,
    ROUND(cm.m / 3600.0, 2) AS median_first_response_h,
    COALESCE(xc.closed, 0) AS closed,
    ROUND(xm.m / 3600.0, 2) AS median_resolution_h
FROM cells AS k
LEFT JOIN created_count AS cc USING (agent, week)
LEFT JOIN created_median AS cm USING (agent, week)
LEFT JOIN closed_count AS xc USING (agent, week)
LEFT JOIN closed_median AS xm USING (agent, week)
ORDER BY k.week, k.agent = 0, k.agent;
