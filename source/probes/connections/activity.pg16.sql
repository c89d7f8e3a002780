-- Connections for PostgreSQL 16 to 18, in one row: max_connections, reserved_connections, total,
-- by_state (state -> sessions), groups (dimension -> [{key, sessions}], the top {{group_limit}}
-- keys per dimension, the rest folded into "(other)"), long_running (active queries, oldest first,
-- at most {{row_limit}}), oldest_transactions (open transactions, oldest first, {{row_limit}}) and
-- idle_in_transaction (every such session up to {{idle_limit}}, never cut to the row limit).
-- New in 16: reserved_connections (pg_use_reserved_connections) on top of the superuser slots.
-- 17 and 18 changed none of the pg_stat_activity columns used here.
-- Client backends only, the cockpit's own backend left out; query text cut to 4096 characters.
WITH sessions AS MATERIALIZED (
  SELECT a.pid, a.usename, a.application_name, a.client_addr, a.datname, a.backend_type,
         coalesce(a.state, 'unknown') AS state, a.wait_event_type, a.wait_event,
         a.backend_start, a.xact_start, a.query_start, a.state_change,
         age(a.backend_xmin) AS xmin_age, a.query_id, a.leader_pid, a.query
  FROM pg_stat_activity AS a
  WHERE a.backend_type = 'client backend'
    AND a.pid <> pg_backend_pid()
),
ranked AS (
  SELECT s.*,
         CASE WHEN s.state = 'active' AND s.query_start IS NOT NULL
              THEN row_number() OVER (PARTITION BY s.state = 'active' AND s.query_start IS NOT NULL
                                      ORDER BY s.query_start, s.pid) END AS query_rank,
         CASE WHEN s.xact_start IS NOT NULL
              THEN row_number() OVER (PARTITION BY s.xact_start IS NOT NULL
                                      ORDER BY s.xact_start, s.pid) END AS transaction_rank,
         CASE WHEN s.state LIKE 'idle in transaction%'
              THEN row_number() OVER (PARTITION BY s.state LIKE 'idle in transaction%'
                                      ORDER BY s.xact_start, s.pid) END AS idle_rank
  FROM sessions AS s
),
listed AS (
  SELECT r.query_rank, r.transaction_rank, r.idle_rank, r.query_start, r.xact_start,
         json_build_object(
           'pid', r.pid, 'user', r.usename, 'application', r.application_name,
           'client', coalesce(host(r.client_addr), 'local'), 'database', r.datname,
           'backendType', r.backend_type, 'state', r.state,
           'waitEventType', r.wait_event_type, 'waitEvent', r.wait_event,
           'backendStart', r.backend_start, 'xactStart', r.xact_start,
           'queryStart', r.query_start, 'stateChange', r.state_change,
           'durationSeconds', extract(epoch FROM now() - r.query_start)::float8,
           'transactionSeconds', extract(epoch FROM now() - r.xact_start)::float8,
           'stateSeconds', extract(epoch FROM now() - r.state_change)::float8,
           'xminAge', r.xmin_age, 'queryId', r.query_id, 'leaderPid', r.leader_pid,
           'query', left(r.query, 4096)
         ) AS session
  FROM ranked AS r
  WHERE r.query_rank <= {{row_limit}} OR r.transaction_rank <= {{row_limit}}
     OR r.idle_rank <= {{idle_limit}}
),
grouped AS (
  SELECT d.dimension, coalesce(d.key, '') AS key, count(*)::int AS sessions
  FROM sessions AS s
  CROSS JOIN LATERAL (VALUES
    ('application', s.application_name), ('user', s.usename::text),
    ('clientAddress', coalesce(host(s.client_addr), 'local')), ('database', s.datname::text),
    ('waitEventType', coalesce(s.wait_event_type, 'none'))
  ) AS d(dimension, key)
  GROUP BY d.dimension, coalesce(d.key, '')
),
folded AS (
  SELECT dimension, key, sum(sessions)::int AS sessions
  FROM (
    SELECT dimension, sessions,
           CASE WHEN row_number() OVER (PARTITION BY dimension ORDER BY sessions DESC, key)
                     <= {{group_limit}} THEN key ELSE '(other)' END AS key
    FROM grouped
  ) AS top_keys
  GROUP BY dimension, key
)
SELECT
  current_setting('max_connections')::int AS max_connections,
  (current_setting('superuser_reserved_connections')::int
    + current_setting('reserved_connections')::int) AS reserved_connections,
  (SELECT count(*) FROM sessions)::int AS total,
  coalesce((SELECT json_object_agg(state, sessions_in_state)
              FROM (SELECT state, count(*)::int AS sessions_in_state
                      FROM sessions GROUP BY state) AS by_state), '{}'::json) AS by_state,
  coalesce((SELECT json_object_agg(dimension, items)
              FROM (SELECT dimension,
                           json_agg(json_build_object('key', key, 'sessions', sessions)
                                    ORDER BY sessions DESC, key) AS items
                      FROM folded GROUP BY dimension) AS groups), '{}'::json) AS groups,
  coalesce((SELECT json_agg(session ORDER BY query_start)
              FROM listed WHERE query_rank <= {{row_limit}}), '[]'::json) AS long_running,
  coalesce((SELECT json_agg(session ORDER BY xact_start)
              FROM listed WHERE transaction_rank <= {{row_limit}}), '[]'::json) AS oldest_transactions,
  coalesce((SELECT json_agg(session ORDER BY xact_start)
              FROM listed WHERE idle_rank <= {{idle_limit}}), '[]'::json) AS idle_in_transaction
