-- Blocking locks for PostgreSQL 14 to 18, in one row: waiting (sessions waiting on a lock that
-- another session holds or waits ahead for), longest_wait_seconds, edges ([blocker, waiter] pairs
-- from pg_blocking_pids(), at most {{edge_limit}}) and sessions (every session on an edge, at most
-- {{session_limit}}, with the lock it waits for). pg_blocking_pids() covers every lock kind
-- (relation, tuple, transaction id, advisory) and a waiter blocked by several sessions gets one
-- edge per blocker. It is not cheap, so it runs only for backends with an ungranted lock.
-- New in 14: pg_locks.waitstart, when the wait began. 15 to 18 changed nothing used here.
-- Reads pg_locks once, and pg_stat_get_activity(pid) (not the pg_stat_activity view and its joins)
-- for the sessions on an edge only, so a quiet server costs one lock-table read.
-- The cockpit's own backend is left out; query text cut to 4096 characters.
WITH pending AS MATERIALIZED (
  SELECT DISTINCT ON (l.pid) l.pid, l.locktype, l.mode, l.relation, l.waitstart
  FROM pg_locks AS l
  WHERE NOT l.granted
    AND l.pid <> pg_backend_pid()
  ORDER BY l.pid, l.waitstart
),
waiting AS MATERIALIZED (
  SELECT p.pid, pg_blocking_pids(p.pid) AS blocked_by
  FROM pending AS p
),
edges AS MATERIALIZED (
  SELECT blocker, w.pid AS waiter
  FROM waiting AS w
  CROSS JOIN LATERAL unnest(w.blocked_by) AS blocker
  ORDER BY w.pid, blocker
  LIMIT {{edge_limit}}
),
activity AS MATERIALIZED (
  SELECT s.pid, s.usesysid, s.datid, s.application_name, s.client_addr, s.backend_type,
         s.state, s.wait_event_type, s.wait_event, s.backend_start, s.xact_start,
         s.query_start, s.state_change, left(s.query, 4096) AS query
  -- One call per session on an edge: building every backend's row cost more than the rest.
  FROM (SELECT blocker AS pid FROM edges UNION SELECT waiter FROM edges) AS involved_pid
  CROSS JOIN LATERAL pg_stat_get_activity(involved_pid.pid) AS s
),
involved AS (
  SELECT a.*, p.locktype, p.mode, p.relation,
         coalesce(p.waitstart, CASE WHEN p.pid IS NOT NULL THEN a.state_change END) AS wait_start
  FROM activity AS a
  LEFT JOIN pending AS p ON p.pid = a.pid
  ORDER BY a.xact_start NULLS LAST, a.pid
  LIMIT {{session_limit}}
)
SELECT
  (SELECT count(*) FROM waiting WHERE cardinality(blocked_by) > 0)::int AS waiting,
  (SELECT max(extract(epoch FROM now() - coalesce(p.waitstart, a.state_change)))::float8
     FROM pending AS p JOIN activity AS a ON a.pid = p.pid) AS longest_wait_seconds,
  coalesce((SELECT json_agg(json_build_array(blocker, waiter)) FROM edges), '[]'::json) AS edges,
  coalesce((SELECT json_agg(described) FROM (
      SELECT i.pid, pg_get_userbyid(i.usesysid) AS "user", i.application_name AS application,
             coalesce(host(i.client_addr), 'local') AS client, d.datname AS database,
             i.backend_type AS "backendType", i.state, i.wait_event_type AS "waitEventType",
             i.wait_event AS "waitEvent", i.backend_start AS "backendStart",
             i.xact_start AS "xactStart", i.query_start AS "queryStart",
             extract(epoch FROM now() - i.query_start)::float8 AS "durationSeconds",
             extract(epoch FROM now() - i.xact_start)::float8 AS "transactionSeconds",
             i.locktype AS "lockType", i.mode,
             -- regclass resolves names in this database only: another database's relation is shown
             -- by database and OID rather than under a wrong name.
             CASE WHEN i.relation IS NULL THEN NULL
                  WHEN d.datname = current_database() THEN i.relation::regclass::text
                  ELSE coalesce(d.datname, '?') || '.oid ' || i.relation END AS relation,
             extract(epoch FROM now() - i.wait_start)::float8 AS "waitSeconds", i.query
      FROM involved AS i LEFT JOIN pg_database AS d ON d.oid = i.datid) AS described),
    '[]'::json) AS sessions
