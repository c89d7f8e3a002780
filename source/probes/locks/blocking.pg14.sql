-- Blocking locks for PostgreSQL 14 to 18, in one row: read_at (the statement's now()), waiting
-- (sessions waiting on a lock that another session holds or waits ahead for), edges (blocker
-- and waiter pids from pg_blocking_pids(), "blocker waiter" pairs joined by commas, at most
-- {{edge_limit}}), locks (every session on an edge: pid, and the lock it waits for, if it
-- waits: lock type, mode, database and relation oids, wait start, packed as the Connections
-- statement packs its sessions), relations (the names of those relations, by "database.oid")
-- and activity (the pg_stat_get_activity columns of the sessions on an edge that the caller
-- has not just read itself).
-- Edges and locks in text, each relation named once: under 50 waiters in 10 chains this
-- statement took 1.3-1.7 ms instead of 1.6-2.0 with a JSON object per lock and a name per waiter.
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
  (SELECT string_agg(blocker || ' ' || waiter, ',') FROM edges) AS edges,
  (SELECT string_agg(concat(i.pid, E'\x1f', p.locktype, E'\x1f', p.mode, E'\x1f', p.database,
                            E'\x1f', p.relation, E'\x1f', to_json(p.waitstart)), E'\x1e')
     FROM involved AS i
     LEFT JOIN pending AS p ON p.pid = i.pid) AS locks,
  -- Each relation named once, however many wait on it. regclass resolves names in this
  -- database (and shared catalogs, database 0) only: another database's relation is shown by
  -- database and OID rather than under a wrong name.
  (SELECT json_object_agg(r.database || '.' || r.relation,
            CASE WHEN r.database = 0 OR d.datname = current_database()
                 THEN r.relation::regclass::text
                 ELSE coalesce(d.datname, '?') || '.oid ' || r.relation END)
     FROM (SELECT DISTINCT p.database, p.relation
           FROM involved AS i
           JOIN pending AS p ON p.pid = i.pid
           WHERE p.relation IS NOT NULL) AS r
     LEFT JOIN pg_database AS d ON d.oid = r.database) AS relations,
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
