-- Connections for PostgreSQL 16 to 18, in one row: max_connections, reserved_connections, total,
-- by_state (state -> sessions), groups (dimension -> [{key, sessions}], the top {{group_limit}}
-- keys per dimension, the rest folded into "(other)"), long_running (active queries, oldest first,
-- at most {{row_limit}}), oldest_transactions (open transactions, oldest first, {{row_limit}}) and
-- idle_in_transaction (every such session up to {{idle_limit}}, never cut to the row limit);
-- the three lists are pids, described once each in sessions.
-- New in 16: reserved_connections (pg_use_reserved_connections) on top of the superuser slots.
-- 17 and 18 changed none of the pg_stat_get_activity columns used here.
-- Reads pg_stat_get_activity() once, not the pg_stat_activity view, whose joins to pg_database
-- and pg_authid cost more than everything else on a server with hundreds of sessions; names are
-- looked up only for the rows returned. Client backends only, the cockpit's own backend left out;
-- query text cut to 4096 characters.
WITH sessions AS MATERIALIZED (
  SELECT s.pid, s.usesysid, s.datid, s.application_name, s.client_addr, s.backend_type,
         coalesce(s.state, 'unknown') AS state, s.wait_event_type, s.wait_event,
         s.backend_start, s.xact_start, s.query_start, s.state_change, s.backend_xmin,
         s.query_id, s.leader_pid, left(s.query, 4096) AS query
  FROM pg_stat_get_activity(NULL) AS s
  WHERE s.backend_type = 'client backend'
    AND s.pid <> pg_backend_pid()
),
picked AS (
  (SELECT 'long_running' AS list, s.query_start AS started, s.* FROM sessions AS s
    WHERE s.state = 'active' AND s.query_start IS NOT NULL
    ORDER BY s.query_start, s.pid LIMIT {{row_limit}})
  UNION ALL
  (SELECT 'oldest_transactions', s.xact_start, s.* FROM sessions AS s
    WHERE s.xact_start IS NOT NULL
    ORDER BY s.xact_start, s.pid LIMIT {{row_limit}})
  UNION ALL
  (SELECT 'idle_in_transaction', s.xact_start, s.* FROM sessions AS s
    WHERE s.state LIKE 'idle in transaction%'
    ORDER BY s.xact_start, s.pid LIMIT {{idle_limit}})
),
-- Each picked session is described once, however many lists it is in.
described AS (
  -- row_to_json over named columns: json_build_object re-examines every argument's type per row.
  SELECT s.pid, pg_get_userbyid(s.usesysid) AS "user", s.application_name AS application,
         coalesce(host(s.client_addr), 'local') AS client, d.datname AS database,
         s.backend_type AS "backendType", s.state, s.wait_event_type AS "waitEventType",
         s.wait_event AS "waitEvent", s.backend_start AS "backendStart",
         s.xact_start AS "xactStart", s.query_start AS "queryStart",
         extract(epoch FROM now() - s.query_start)::float8 AS "durationSeconds",
         extract(epoch FROM now() - s.xact_start)::float8 AS "transactionSeconds",
         age(s.backend_xmin) AS "xminAge", s.query_id::text AS "queryId", s.leader_pid AS "leaderPid",
         s.query
  -- Deduplicated before describing; a join back to sessions would be planned as a nested loop,
  -- since the planner cannot estimate pg_stat_get_activity()'s rows.
  FROM (SELECT DISTINCT ON (pid) * FROM picked ORDER BY pid) AS s
  LEFT JOIN pg_database AS d ON d.oid = s.datid
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
         count(*)::int AS sessions
  FROM sessions AS s
  GROUP BY GROUPING SETS ((s.state), (s.application_name), (s.usesysid), (s.client_addr),
                          (s.datid), (s.wait_event_type))
),
keyed AS (
  SELECT dimension, sessions,
         row_number() OVER (PARTITION BY dimension ORDER BY sessions DESC, application_name,
                            usesysid, client_addr, grouped.datid, wait_event_type) AS position,
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
folded AS (
  SELECT dimension, CASE WHEN position <= {{group_limit}} THEN key ELSE '(other)' END AS key,
         sum(sessions)::int AS sessions
  FROM keyed
  WHERE dimension <> 'state'
  GROUP BY 1, 2
)
SELECT
  current_setting('max_connections')::int AS max_connections,
  (current_setting('superuser_reserved_connections')::int
    + current_setting('reserved_connections')::int) AS reserved_connections,
  coalesce((SELECT sum(sessions) FROM keyed WHERE dimension = 'state'), 0)::int AS total,
  coalesce((SELECT json_object_agg(key, sessions) FROM keyed WHERE dimension = 'state'),
           '{}'::json) AS by_state,
  coalesce((SELECT json_object_agg(dimension, items)
              FROM (SELECT dimension,
                           json_agg(json_build_object('key', key, 'sessions', sessions)
                                    ORDER BY sessions DESC, key) AS items
                      FROM folded GROUP BY dimension) AS groups), '{}'::json) AS groups,
  coalesce((SELECT json_agg(pid ORDER BY started, pid) FROM picked
             WHERE list = 'long_running'), '[]'::json) AS long_running,
  coalesce((SELECT json_agg(pid ORDER BY started, pid) FROM picked
             WHERE list = 'oldest_transactions'), '[]'::json) AS oldest_transactions,
  coalesce((SELECT json_agg(pid ORDER BY started, pid) FROM picked
             WHERE list = 'idle_in_transaction'), '[]'::json) AS idle_in_transaction,
  coalesce((SELECT json_agg(described) FROM described), '[]'::json) AS sessions
