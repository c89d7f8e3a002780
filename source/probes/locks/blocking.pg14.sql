-- Blocking locks for PostgreSQL 14 to 18, in one row: read_at (the statement's now()), waiting
-- (sessions waiting on a lock that another session holds or waits ahead for), edges ([blocker,
-- waiter] pairs from pg_blocking_pids(), at most {{edge_limit}}), locks (every session on an
-- edge: pid, and the lock it waits for, if it waits) and activity (the pg_stat_get_activity
-- columns of the sessions on an edge that the caller has not just read itself).
-- pg_blocking_pids() covers every lock kind (relation, tuple, transaction id, advisory) and a
-- waiter blocked by several sessions gets one edge per blocker. It is not cheap, so it runs only
-- for backends with an ungranted lock.
-- $1: the pids of the client sessions the caller read from the activity in this same refresh,
-- comma-separated (a string costs the client less to send than an array of hundreds of ints).
-- Their activity is not built again (that was half of this statement's time); a session it
-- does not know (one that connected since, an autovacuum worker) comes whole.
-- New in 14: pg_locks.waitstart, when the wait began. 15 to 18 changed nothing used here.
-- The cockpit's own backend is left out; query text cut to 4096 characters.
WITH pending AS MATERIALIZED (
  SELECT DISTINCT ON (l.pid) l.pid, l.locktype, l.mode, l.database, l.relation, l.waitstart
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
involved AS MATERIALIZED (
  SELECT blocker AS pid FROM edges UNION SELECT waiter FROM edges
)
SELECT
  to_json(now()) #>> '{}' AS read_at,
  (SELECT count(*) FROM waiting WHERE cardinality(blocked_by) > 0)::int AS waiting,
  coalesce((SELECT json_agg(json_build_array(blocker, waiter)) FROM edges), '[]'::json) AS edges,
  coalesce((SELECT json_agg(json_build_object(
      'pid', i.pid, 'lockType', p.locktype, 'mode', p.mode,
      -- regclass resolves names in this database (and shared catalogs, database 0) only:
      -- another database's relation is shown by database and OID rather than under a wrong name.
      'relation', CASE WHEN p.relation IS NULL THEN NULL
                       WHEN p.database = 0 OR d.datname = current_database() THEN p.relation::regclass::text
                       ELSE coalesce(d.datname, '?') || '.oid ' || p.relation END,
      'waitStart', to_json(p.waitstart) #>> '{}'))
    FROM involved AS i
    LEFT JOIN pending AS p ON p.pid = i.pid
    LEFT JOIN pg_database AS d ON d.oid = p.database), '[]'::json) AS locks,
  -- One pg_stat_get_activity(pid) call per session not read yet: building every backend's row
  -- cost more than the rest.
  coalesce((SELECT json_agg(json_build_object(
      'pid', s.pid, 'user', pg_get_userbyid(s.usesysid), 'application', s.application_name,
      'client', coalesce(host(s.client_addr), 'local'),
      'database', (SELECT d.datname FROM pg_database AS d WHERE d.oid = s.datid),
      'backendType', s.backend_type, 'state', s.state, 'waitEventType', s.wait_event_type,
      'waitEvent', s.wait_event, 'backendStart', s.backend_start, 'xactStart', s.xact_start,
      'queryStart', s.query_start, 'stateChange', s.state_change, 'query', left(s.query, 4096)))
    FROM involved AS i
    CROSS JOIN LATERAL pg_stat_get_activity(i.pid) AS s
    -- Behind a subquery the planner cannot see the pids, so every read gets the same plan and
    -- the prepared statement is planned once (with them in sight it planned every read anew).
    WHERE i.pid <> ALL ((SELECT string_to_array($1::text, ',')::int[])::int[])), '[]'::json) AS activity
