-- Connection summary for PostgreSQL 13 to 15: client backends against max_connections, by state.
-- Returns max_connections, reserved_connections, total, by_state (json object state -> count).
-- The cockpit's own backend is left out. Aggregated server side: one row whatever the load.
WITH sessions AS (
  SELECT coalesce(state, 'unknown') AS state
  FROM pg_stat_activity
  WHERE backend_type = 'client backend'
    AND pid <> pg_backend_pid()
)
SELECT
  current_setting('max_connections')::int AS max_connections,
  current_setting('superuser_reserved_connections')::int AS reserved_connections,
  (SELECT count(*) FROM sessions)::int AS total,
  coalesce(
    (SELECT json_object_agg(state, sessions_in_state)
       FROM (SELECT state, count(*)::int AS sessions_in_state FROM sessions GROUP BY state) AS by_state),
    '{}'::json
  ) AS by_state
