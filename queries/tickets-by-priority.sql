-- title: Tickets and first response time by priority
-- description: Tickets created in the range, per priority: how many, how many got an
--   agent response, how many are closed now, and the median and 90th-percentile time
--   from creation to the first agent response (the ticket's first_response_time), in
--   seconds and hours. The median of an even count is the mean of the two middle
--   values; p90 is the nearest-rank value. Tickets without a priority show as "(none)".
-- params: :from, :to
WITH created AS (
    SELECT COALESCE(priority, '(none)') AS priority, status, first_response_time AS frt
    FROM tickets
    WHERE created_at >= :from_ts AND created_at < :to_ts
),
ranked AS (
    SELECT priority, frt,
        ROW_NUMBER() OVER (PARTITION BY priority ORDER BY frt) AS rn,
        COUNT(*) OVER (PARTITION BY priority) AS n
    FROM created
    WHERE frt IS NOT NULL
),
percentiles AS (
    SELECT priority,
        AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN frt END) AS median_s,
        MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN frt END) AS p90_s
    FROM ranked
    GROUP BY priority
)
SELECT c.priority,
    COUNT(*) AS tickets,
    COUNT(c.frt) AS answered,
    SUM(c.status = 'closed') AS closed_now,
    CAST(ROUND(p.median_s) AS INTEGER) AS median_first_response_s,
    ROUND(p.median_s / 3600.0, 2) AS median_first_response_h,
    p.p90_s AS p90_first_response_s,
    ROUND(p.p90_s / 3600.0, 2) AS p90_first_response_h
FROM created AS c
LEFT JOIN percentiles AS p USING (priority)
GROUP BY c.priority
ORDER BY
    CASE c.priority
        WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'normal' THEN 3
        WHEN 'low' THEN 4 ELSE 5
    END,
    c.priority;
