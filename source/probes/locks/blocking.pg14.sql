-- Blocking locks for PostgreSQL 14 to 18, in one row: waiting (sessions waiting on a lock that
-- another session holds or waits ahead for), longest_wait_seconds, edges ([blocker, waiter] pairs
-- from pg_blocking_pids(), at most {{edge_limit}}) and sessions (every session on an edge, at most
-- {{session_limit}}, with the lock it waits for). pg_blocking_pids() covers every lock kind
-- (relation, tuple, transaction id, advisory) and a waiter blocked by several sessions gets one
-- edge per blocker. It is not cheap, so it runs only for backends waiting on a lock.
-- New in 14: pg_locks.waitstart, when the wait began. 15 to 18 changed nothing used here.
-- Reads pg_stat_get_activity() once (not the pg_stat_activity view and its joins) and pg_locks
-- once. The cockpit's own backend is left out; query text cut to 4096 characters.
WITH activity AS MATERIALIZED (
  SELECT s.pid, s.usesysid, s.datid, s.application_name, s.client_addr, s.backend_type,
         s.state, s.wait_event_type, s.wait_event, s.backend_start, s.xact_start,
         s.query_start, s.state_change, left(s.query, 4096) AS query
  FROM pg_stat_get_activity(NULL) AS s
  WHERE s.pid <> pg_backend_pid()
),
waiting AS MATERIALIZED (
  SELECT a.pid, pg_blocking_pids(a.pid) AS blocked_by
  FROM activity AS a
  WHERE a.wait_event_type = 'Lock'
),
edges AS MATERIALIZED (
  SELECT blocker, w.pid AS waiter
  FROM waiting AS w
  CROSS JOIN LATERAL unnest(w.blocked_by) AS blocker
  ORDER BY w.pid, blocker
  LIMIT {{edge_limit}}
),
pending AS MATERIALIZED (
  SELECT DISTINCT ON (l.pid) l.pid, l.locktype, l.mode, l.relation, l.waitstart
  FROM pg_locks AS l
  WHERE NOT l.granted
    AND l.pid IN (SELECT pid FROM waiting)
  ORDER BY l.pid, l.waitstart
),
involved AS (
  SELECT a.*, p.locktype, p.mode, p.relation,
         coalesce(p.waitstart, CASE WHEN p.pid IS NOT NULL THEN a.state_change END) AS wait_start
  FROM activity AS a
  LEFT JOIN pending AS p ON p.pid = a.pid
  WHERE a.pid IN (SELECT blocker FROM edges UNION SELECT waiter FROM edges)
  ORDER BY a.xact_start NULLS LAST, a.pid
  LIMIT {{session_limit}}
)
SELECT
  (SELECT count(*) FROM waiting WHERE cardinality(blocked_by) > 0)::int AS waiting,
  (SELECT max(extract(epoch FROM now() - coalesce(p.waitstart, a.state_change)))::float8
     FROM pending AS p JOIN activity AS a ON a.pid = p.pid) AS longest_wait_seconds,
  coalesce((SELECT json_agg(json_build_array(blocker, waiter)) FROM edges), '[]'::json) AS edges,
  coalesce((SELECT json_agg(json_build_object(
      'pid', i.pid, 'user', pg_get_userbyid(i.usesysid), 'application', i.application_name,
      'client', coalesce(host(i.client_addr), 'local'),
      'database', d.datname,
      'backendType', i.backend_type, 'state', i.state,
      'waitEventType', i.wait_event_type, 'waitEvent', i.wait_event,
      'backendStart', i.backend_start, 'xactStart', i.xact_start, 'queryStart', i.query_start,
      'durationSeconds', extract(epoch FROM now() - i.query_start)::float8,
      'transactionSeconds', extract(epoch FROM now() - i.xact_start)::float8,
      'lockType', i.locktype, 'mode', i.mode,
      'relation', CASE WHEN i.relation IS NOT NULL THEN i.relation::regclass::text END,
      'waitSeconds', extract(epoch FROM now() - i.wait_start)::float8,
      'query', i.query))
    FROM involved AS i LEFT JOIN pg_database AS d ON d.oid = i.datid), '[]'::json) AS sessions
