-- Connections for PostgreSQL 16 to 18: max_connections, reserved_connections,
-- backends (every client backend, the cockpit's own included: what counts against the limit),
-- total (client sessions other than the cockpit's), by_state (state -> sessions), groups
-- (dimension -> [{key, sessions, active, idle, idleInTransaction, other, oldestTransactionSeconds}],
-- the top {{group_limit}} keys per dimension, the rest folded into "(other)") and sessions: every
-- client session, plain idle ones included, at most {{session_limit}}, the ones worth a look
-- first (idle in transaction, then active, then other open transactions, then idle, each oldest
-- first), so a cut list never loses the sessions that hold locks or block vacuum.
-- New in 16: reserved_connections (pg_use_reserved_connections) on top of the superuser slots.
-- 17 and 18 changed none of the pg_stat_get_activity columns used here.
-- Reads pg_stat_get_activity() once, not the pg_stat_activity view, whose joins to pg_database
-- and pg_authid cost more than everything else on a server with hundreds of sessions; names are
-- looked up only for the rows returned. Query text cut to 4096 characters.
-- total, by_state and groups are NULL unless the list is cut: the cockpit groups a whole list
-- itself, in the same order (ties in code-unit order), so the watched server does not.
-- The cockpit's own backend is left out of the sessions and counted back into backends (it is
-- always a client backend): one copy of the activity rows rather than two.
WITH sessions AS MATERIALIZED (
  SELECT s.pid, s.usesysid, s.datid, s.application_name, s.client_addr, s.backend_type,
         coalesce(s.state, 'unknown') AS state, s.wait_event_type, s.wait_event,
         s.backend_start, s.xact_start, s.query_start, s.state_change, s.backend_xmin,
         s.query_id, s.leader_pid, left(s.query, 4096) AS query
  FROM pg_stat_get_activity(NULL) AS s
  WHERE s.backend_type = 'client backend' AND s.pid <> pg_backend_pid()
),
listed AS (
  SELECT s.*,
         row_number() OVER (ORDER BY
           CASE WHEN s.state LIKE 'idle in transaction%' THEN 0
                WHEN s.state = 'active' THEN 1
                WHEN s.xact_start IS NOT NULL THEN 2
                ELSE 3 END,
           coalesce(s.xact_start, s.query_start, s.state_change, s.backend_start), s.pid) AS position,
         -- A plain idle session that has not changed state since the caller's last read ($1, that
         -- read's now()) is as the caller saw it then, but for its ages: only its pid comes back.
         coalesce(s.state = 'idle' AND s.backend_xmin IS NULL AND s.state_change < $1::timestamptz
                  AND s.backend_start < $1::timestamptz, false) AS unchanged
  FROM sessions AS s
),
described AS (
  -- Timestamps as JSON writes them (ISO 8601 whatever DateStyle says), each value on its own.
  SELECT s.position::int AS position, s.pid, pg_get_userbyid(s.usesysid) AS "user", s.application_name AS application,
         coalesce(host(s.client_addr), 'local') AS client, d.datname AS database,
         s.backend_type AS "backendType", s.state, s.wait_event_type AS "waitEventType",
         s.wait_event AS "waitEvent", to_json(s.backend_start) #>> '{}' AS "backendStart",
         to_json(s.xact_start) #>> '{}' AS "xactStart", to_json(s.query_start) #>> '{}' AS "queryStart",
         to_json(s.state_change) #>> '{}' AS "stateChange",
         extract(epoch FROM now() - s.query_start)::float8 AS "durationSeconds",
         extract(epoch FROM now() - s.xact_start)::float8 AS "transactionSeconds",
         extract(epoch FROM now() - s.state_change)::float8 AS "stateSeconds",
         age(s.backend_xmin) AS "xminAge", s.query_id::text AS "queryId", s.leader_pid AS "leaderPid",
         s.query
  FROM listed AS s
  LEFT JOIN pg_database AS d ON d.oid = s.datid
  WHERE s.position <= {{session_limit}} AND NOT s.unchanged
),
grouped AS (
  SELECT CASE
           WHEN GROUPING(s.state) = 0 THEN 'state'
           WHEN GROUPING(s.application_name) = 0 THEN 'application'
           WHEN GROUPING(s.usesysid) = 0 THEN 'user'
           WHEN GROUPING(s.client_addr) = 0 THEN 'clientAddress'
           WHEN GROUPING(s.datid) = 0 THEN 'database'
           ELSE 'waitEventType'
         END AS dimension,
         s.state, s.application_name, s.usesysid, s.client_addr, s.datid, s.wait_event_type,
         count(*)::int AS sessions,
         count(*) FILTER (WHERE s.state = 'active')::int AS active,
         count(*) FILTER (WHERE s.state = 'idle')::int AS idle,
         count(*) FILTER (WHERE s.state LIKE 'idle in transaction%')::int AS idle_in_transaction,
         max(extract(epoch FROM now() - s.xact_start))::float8 AS oldest_transaction_seconds
  FROM sessions AS s
  GROUP BY GROUPING SETS ((s.state), (s.application_name), (s.usesysid), (s.client_addr),
                          (s.datid), (s.wait_event_type))
),
named AS (
  SELECT dimension, sessions, active, idle, idle_in_transaction, oldest_transaction_seconds,
         CASE dimension
           WHEN 'state' THEN state
           WHEN 'application' THEN coalesce(application_name, '')
           WHEN 'user' THEN pg_get_userbyid(usesysid)::text
           WHEN 'clientAddress' THEN coalesce(host(client_addr), 'local')
           WHEN 'database' THEN coalesce(d.datname::text, '')
           ELSE coalesce(wait_event_type, 'none')
         END AS key
  FROM grouped
  LEFT JOIN pg_database AS d ON d.oid = grouped.datid
),
keyed AS (
  -- Ties in code-unit order, as the cockpit sorts the groups of an uncut list itself.
  SELECT named.*,
         row_number() OVER (PARTITION BY dimension ORDER BY sessions DESC, key COLLATE "C") AS position
  FROM named
),
folded AS (
  SELECT dimension, CASE WHEN position <= {{group_limit}} THEN key ELSE '(other)' END AS key,
         sum(sessions)::int AS sessions, sum(active)::int AS active, sum(idle)::int AS idle,
         sum(idle_in_transaction)::int AS idle_in_transaction,
         max(oldest_transaction_seconds) AS oldest_transaction_seconds
  FROM keyed
  WHERE dimension <> 'state'
  GROUP BY 1, 2
)
-- One row per session, plain columns rather than JSON (building JSON cost as much as reading
-- the sessions); the summary columns are filled on the first row only, and one row of them with
-- NULL session columns comes back when no session is described.
SELECT
  CASE WHEN first THEN current_setting('max_connections')::int END AS max_connections,
  CASE WHEN first THEN (current_setting('superuser_reserved_connections')::int
    + current_setting('reserved_connections')::int) END AS reserved_connections,
  CASE WHEN first THEN ((SELECT count(*) FROM sessions) + 1)::int END AS backends,
  -- The counts and groups only when the list is cut: otherwise the cockpit groups the sessions
  -- it was sent, and the grouping costs nothing here.
  CASE WHEN first AND cut THEN coalesce((SELECT sum(sessions) FROM keyed WHERE dimension = 'state'), 0)::int END AS total,
  CASE WHEN first AND cut THEN coalesce((SELECT json_object_agg(key, sessions) FROM keyed WHERE dimension = 'state'),
           '{}'::json) END AS by_state,
  CASE WHEN first AND cut THEN coalesce((SELECT json_object_agg(dimension, items)
              FROM (SELECT dimension,
                           json_agg(json_build_object(
                             'key', key, 'sessions', sessions, 'active', active, 'idle', idle,
                             'idleInTransaction', idle_in_transaction,
                             'other', sessions - active - idle - idle_in_transaction,
                             'oldestTransactionSeconds', oldest_transaction_seconds)
                             ORDER BY sessions DESC, key COLLATE "C") AS items
                      FROM folded GROUP BY dimension) AS groups), '{}'::json) END AS groups,
  CASE WHEN first THEN to_json(now()) #>> '{}' END AS read_at,
  CASE WHEN first THEN to_json(pg_postmaster_start_time()) #>> '{}' END AS server_started,
  CASE WHEN first THEN (SELECT array_agg(ARRAY[position::int, pid] ORDER BY position)
    FROM listed WHERE unchanged AND position <= {{session_limit}}) END AS unchanged,
  described.*
FROM (SELECT 1) AS head
LEFT JOIN described ON true
-- The first row's position as an uncorrelated subquery: computed once, where a joined
-- aggregate was computed again for every row.
CROSS JOIN LATERAL (SELECT described.position IS NOT DISTINCT FROM (SELECT min(position) FROM described),
                           (SELECT count(*) FROM sessions) > {{groups_above}})
  AS is_head(first, cut)
ORDER BY described.position
