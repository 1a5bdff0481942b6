-- title: Busiest weekday and hour for new tickets
-- description: Tickets created in the range, counted by the site-local weekday (one row
--   each, Monday first, all seven present) and hour of day (columns h00 … h23, the hour
--   the ticket arrived), with each weekday's total. A heatmap for planning shifts.
-- params: :from, :to
WITH days(wd, weekday) AS (
    VALUES (1, 'Monday'), (2, 'Tuesday'), (3, 'Wednesday'), (4, 'Thursday'), (5, 'Friday'),
        (6, 'Saturday'), (0, 'Sunday')
),
created AS (
    SELECT CAST(strftime('%w', created_at, 'unixepoch') AS INTEGER) AS wd,
        (created_at % 86400) / 3600 AS hour
    FROM tickets
    WHERE created_at >= :from_ts AND created_at < :to_ts
)
SELECT d.weekday,
    COUNT(CASE c.hour WHEN 0 THEN 1 END) AS h00,
    COUNT(CASE c.hour WHEN 1 THEN 1 END) AS h01,
    COUNT(CASE c.hour WHEN 2 THEN 1 END) AS h02,
    COUNT(CASE c.hour WHEN 3 THEN 1 END) AS h03,
    COUNT(CASE c.hour WHEN 4 THEN 1 END) AS h04,
    COUNT(CASE c.hour WHEN 5 THEN 1 END) AS h05,
    COUNT(CASE c.hour WHEN 6 THEN 1 END) AS h06,
    COUNT(CASE c.hour WHEN 7 THEN 1 END) AS h07,
    COUNT(CASE c.hour WHEN 8 THEN 1 END) AS h08,
    COUNT(CASE c.hour WHEN 9 THEN 1 END) AS h09,
    COUNT(CASE c.hour WHEN 10 THEN 1 END) AS h10,
    COUNT(CASE c.hour WHEN 11 THEN 1 END) AS h11,
    COUNT(CASE c.hour WHEN 12 THEN 1 END) AS h12,
    COUNT(CASE c.hour WHEN 13 THEN 1 END) AS h13,
    COUNT(CASE c.hour WHEN 14 THEN 1 END) AS h14,
    COUNT(CASE c.hour WHEN 15 THEN 1 END) AS h15,
    COUNT(CASE c.hour WHEN 16 THEN 1 END) AS h16,
    COUNT(CASE c.hour WHEN 17 THEN 1 END) AS h17,
    COUNT(CASE c.hour WHEN 18 THEN 1 END) AS h18,
    COUNT(CASE c.hour WHEN 19 THEN 1 END) AS h19,
    COUNT(CASE c.hour WHEN 20 THEN 1 END) AS h20,
    COUNT(CASE c.hour WHEN 21 THEN 1 END) AS h21,
    COUNT(CASE c.hour WHEN 22 THEN 1 END) AS h22,
    COUNT(CASE c.hour WHEN 23 THEN 1 END) AS h23,
    COUNT(c.hour) AS total
FROM days AS d
LEFT JOIN created AS c ON c.wd = d.wd
GROUP BY d.wd, d.weekday
ORDER BY (d.wd + 6) % 7;
