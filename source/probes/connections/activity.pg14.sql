-- Connections for PostgreSQL 14 to 18: a head row (pid NULL) with max_connections,
-- reserved_connections, read_at (the statement's now()) and server_started, then a row for every
-- client session other than the cockpit's own, plain idle ones included.
-- New in 14: query_id (filled when compute_query_id is on). New in 16: reserved_connections
-- (pg_use_reserved_connections) on top of the superuser slots, read as missing (0) before 16.
-- 17 and 18 changed none of the pg_stat_get_activity columns used here.
-- A plain idle session that has not changed state since the caller's last read ($1, that read's
-- now()) is as the caller saw it then, but for its ages: it comes back as its pid only, with
-- unchanged true, so hundreds of idle pool connections are not sent on every refresh.
-- One pass over pg_stat_get_activity() and nothing else: no view (its joins to pg_database and
-- pg_authid cost more than the rows), no copy, no sort, no grouping. The cockpit orders, ages,
-- counts and groups the sessions itself; names are looked up only for the rows described.
-- Timestamps as JSON writes them (ISO 8601 whatever DateStyle says); query text cut to 4096.
SELECT NULL::int AS pid, NULL::boolean AS unchanged,
       current_setting('max_connections')::int AS max_connections,
       (current_setting('superuser_reserved_connections')::int
         + coalesce(current_setting('reserved_connections', true)::int, 0)) AS reserved_connections,
       to_json(now()) #>> '{}' AS read_at,
       to_json(pg_postmaster_start_time()) #>> '{}' AS server_started,
       NULL::text AS "user", NULL::text AS application, NULL::text AS client, NULL::name AS database,
       NULL::text AS state, NULL::text AS "waitEventType", NULL::text AS "waitEvent",
       NULL::text AS "backendStart", NULL::text AS "xactStart", NULL::text AS "queryStart",
       NULL::text AS "stateChange", NULL::int AS "xminAge", NULL::text AS "queryId",
       NULL::int AS "leaderPid", NULL::text AS query
UNION ALL
SELECT s.pid, u, NULL, NULL, NULL, NULL,
       CASE WHEN NOT u THEN pg_get_userbyid(s.usesysid)::text END,
       CASE WHEN NOT u THEN s.application_name END,
       CASE WHEN NOT u THEN coalesce(host(s.client_addr), 'local') END,
       CASE WHEN NOT u THEN (SELECT d.datname FROM pg_database AS d WHERE d.oid = s.datid) END,
       CASE WHEN NOT u THEN coalesce(s.state, 'unknown') END,
       CASE WHEN NOT u THEN s.wait_event_type END,
       CASE WHEN NOT u THEN s.wait_event END,
       CASE WHEN NOT u THEN to_json(s.backend_start) #>> '{}' END,
       CASE WHEN NOT u THEN to_json(s.xact_start) #>> '{}' END,
       CASE WHEN NOT u THEN to_json(s.query_start) #>> '{}' END,
       CASE WHEN NOT u THEN to_json(s.state_change) #>> '{}' END,
       CASE WHEN NOT u THEN age(s.backend_xmin) END,
       CASE WHEN NOT u THEN s.query_id::text END,
       CASE WHEN NOT u THEN s.leader_pid END,
       CASE WHEN NOT u THEN left(s.query, 4096) END
FROM pg_stat_get_activity(NULL) AS s
CROSS JOIN LATERAL (SELECT coalesce(s.state = 'idle' AND s.backend_xmin IS NULL
                                    AND s.state_change < $1::timestamptz
                                    AND s.backend_start < $1::timestamptz, false)) AS kept(u)
WHERE s.backend_type = 'client backend' AND s.pid <> pg_backend_pid()
