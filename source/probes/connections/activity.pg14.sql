-- Connections for PostgreSQL 14 to 18: a head row (pid NULL) with max_connections,
-- reserved_connections, read_at (the statement's now()), server_started and unchanged, then a row
-- for every other client session but the cockpit's own.
-- New in 14: query_id (filled when compute_query_id is on). New in 16: reserved_connections
-- (pg_use_reserved_connections) on top of the superuser slots, read as missing (0) before 16.
-- 17 and 18 changed none of the pg_stat_get_activity columns used here.
-- A plain idle session that has not changed state since the caller's last read ($1, that read's
-- now()) is as the caller saw it then, but for its ages: it is only named, by pid, in the head
-- row's comma-separated unchanged list, so hundreds of idle pool connections are neither sent
-- nor parsed as rows on every refresh.
-- One pass over pg_stat_get_activity() and nothing else: no view (its joins to pg_database and
-- pg_authid cost more than the rows), no sort, no grouping. The cockpit orders, ages, counts and
-- groups the sessions itself; names are looked up only for the rows described.
-- lock_waiters counts every backend waiting on a heavyweight lock (autovacuum and parallel
-- workers too): with none, the Locks pane has nothing to ask pg_locks this refresh.
-- Timestamps as JSON writes them (ISO 8601 whatever DateStyle says); query text cut to 4096.
WITH s AS MATERIALIZED (
  SELECT a.*, a.backend_type = 'client backend' AS is_client,
         coalesce(a.backend_type = 'client backend' AND a.state = 'idle'
                  AND a.backend_xmin IS NULL AND a.state_change < $1::timestamptz
                  AND a.backend_start < $1::timestamptz, false) AS unchanged
  FROM pg_stat_get_activity(NULL) AS a
  WHERE a.pid <> pg_backend_pid()
)
SELECT NULL::int AS pid,
       current_setting('max_connections')::int AS max_connections,
       (current_setting('superuser_reserved_connections')::int
         + coalesce(current_setting('reserved_connections', true)::int, 0)) AS reserved_connections,
       to_json(now()) #>> '{}' AS read_at,
       to_json(pg_postmaster_start_time()) #>> '{}' AS server_started,
       (SELECT string_agg(s.pid::text, ',') FROM s WHERE s.unchanged) AS unchanged,
       (SELECT count(*) FROM s WHERE s.wait_event_type = 'Lock')::int AS lock_waiters,
       NULL::text AS "user", NULL::text AS application, NULL::text AS client, NULL::name AS database,
       NULL::text AS state, NULL::text AS "waitEventType", NULL::text AS "waitEvent",
       NULL::text AS "backendStart", NULL::text AS "xactStart", NULL::text AS "queryStart",
       NULL::text AS "stateChange", NULL::int AS "xminAge", NULL::text AS "queryId",
       NULL::int AS "leaderPid", NULL::text AS query
UNION ALL
SELECT s.pid, NULL, NULL, NULL, NULL, NULL, NULL,
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
       left(s.query, 4096)
FROM s
WHERE s.is_client AND NOT s.unchanged
