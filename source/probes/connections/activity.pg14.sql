-- Connections for PostgreSQL 14 to 18: a head row (pid NULL) with max_connections,
-- reserved_connections, read_at (the statement's now()), server_started, unchanged_count and
-- unchanged, then a row for every other client session but the cockpit's own.
-- New in 14: query_id (filled when compute_query_id is on). New in 16: reserved_connections
-- (pg_use_reserved_connections) on top of the superuser slots, read as missing (0) before 16.
-- 17 and 18 changed none of the pg_stat_get_activity columns used here.
-- $1 is the caller's last read's now(). A session whose state has not changed since then has
-- the same query, query start, user, client and database as the caller saw: it is steady.
-- - A steady plain idle session is only counted, in the head row's unchanged_count, so hundreds
--   of idle pool connections are neither sent nor parsed as rows on every refresh. Each was in
--   the caller's last read, so when the caller has as many sessions of that read left over as
--   the count, they are these. $2 true also names them, by pid, in the comma-separated unchanged
--   list: for the reads after a session left, when the count falls short (listing 400 pids took
--   0.5 ms of every read).
-- - Any other steady session (a long query, a lock waiter, an idle transaction) comes as a row
--   with steady true and only what can move without a change of state: application, state, wait
--   event, transaction start, xmin age and query id: its user, client and database are not
--   looked up again, nor its timestamps and query text (up to 4 KB a session) sent again. With
--   140 sessions idle in transaction or running after 3.8 KB queries (an ORM's), this statement
--   took 4.5 ms instead of 15.4 and its rows were a ninth of the bytes.
-- "Since the last read" leaves one second of margin: a backend takes the time of a change a
-- moment before it writes the change, and a change written after the last read, stamped before
-- it, would otherwise be missed until the session next changed.
-- The pass keeps only the columns used, and query text only where a row sends it: the
-- statement's four scans of it read narrow rows (a read under 500 sessions 4.3-4.9 -> 3.6-4.2 ms).
-- One pass over pg_stat_get_activity() and nothing else: no view (its joins to pg_database and
-- pg_authid cost more than the rows), no sort, no grouping. The cockpit orders, ages, counts and
-- groups the sessions itself; names are looked up only for the rows described.
-- lock_waiters counts every backend waiting on a heavyweight lock (autovacuum and parallel
-- workers too): with none, the Locks pane has nothing to ask pg_locks this refresh.
-- Timestamps as JSON writes them (ISO 8601 whatever DateStyle says); query text cut to 4096.
WITH s AS MATERIALIZED (
  SELECT a.pid, a.usesysid, a.application_name, a.client_addr, a.datid, a.state,
         a.wait_event_type, a.wait_event, a.backend_start, a.xact_start, a.query_start,
         a.state_change, a.backend_xmin, a.query_id, a.leader_pid,
         CASE WHEN a.backend_type = 'client backend' AND NOT k.steady
              THEN left(a.query, 4096) END AS query,
         a.backend_type = 'client backend' AS is_client, k.steady,
         k.steady AND a.state = 'idle' AND a.backend_xmin IS NULL AS unchanged
  FROM pg_stat_get_activity(NULL) AS a
  CROSS JOIN LATERAL (
    SELECT coalesce(a.backend_type = 'client backend'
                    AND a.state_change < $1::timestamptz - interval '1 second'
                    AND a.backend_start < $1::timestamptz - interval '1 second', false) AS steady
  ) AS k
  WHERE a.pid <> pg_backend_pid()
)
SELECT NULL::int AS pid,
       current_setting('max_connections')::int AS max_connections,
       (current_setting('superuser_reserved_connections')::int
         + coalesce(current_setting('reserved_connections', true)::int, 0)) AS reserved_connections,
       to_json(now()) #>> '{}' AS read_at,
       to_json(pg_postmaster_start_time()) #>> '{}' AS server_started,
       (SELECT count(*) FROM s WHERE s.unchanged)::int AS unchanged_count,
       CASE WHEN $2::boolean
            THEN (SELECT string_agg(s.pid::text, ',') FROM s WHERE s.unchanged) END AS unchanged,
       (SELECT count(*) FROM s WHERE s.wait_event_type = 'Lock')::int AS lock_waiters,
       NULL::text AS "user", NULL::text AS application, NULL::text AS client, NULL::name AS database,
       NULL::text AS state, NULL::text AS "waitEventType", NULL::text AS "waitEvent",
       NULL::text AS "backendStart", NULL::text AS "xactStart", NULL::text AS "queryStart",
       NULL::text AS "stateChange", NULL::int AS "xminAge", NULL::text AS "queryId",
       NULL::int AS "leaderPid", NULL::text AS query, NULL::boolean AS steady
UNION ALL
SELECT s.pid, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       pg_get_userbyid(s.usesysid)::text,
       s.application_name,
       coalesce(host(s.client_addr), 'local'),
       (SELECT d.datname FROM pg_database AS d WHERE d.oid = s.datid),
       coalesce(s.state, 'unknown'),
       s.wait_event_type,
       s.wait_event,
       to_json(s.backend_start) #>> '{}',
       to_json(s.xact_start) #>> '{}',
       to_json(s.query_start) #>> '{}',
       to_json(s.state_change) #>> '{}',
       age(s.backend_xmin),
       s.query_id::text,
       s.leader_pid,
       s.query,
       false
FROM s
WHERE s.is_client AND NOT s.steady
UNION ALL
SELECT s.pid, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, s.application_name, NULL, NULL,
       coalesce(s.state, 'unknown'), s.wait_event_type, s.wait_event,
       NULL, to_json(s.xact_start) #>> '{}', NULL, NULL,
       age(s.backend_xmin), s.query_id::text, NULL, NULL,
       true
FROM s
WHERE s.steady AND NOT s.unchanged
