-- Connections for PostgreSQL 13, with the same columns as the 14 variant (see there).
-- Differs from 14: no query_id, so queryId is always NULL. Only the superuser slots are reserved.
SELECT NULL::int AS pid, NULL::boolean AS unchanged,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved_connections,
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
       NULL::text,
       CASE WHEN NOT u THEN s.leader_pid END,
       CASE WHEN NOT u THEN left(s.query, 4096) END
FROM pg_stat_get_activity(NULL) AS s
CROSS JOIN LATERAL (SELECT coalesce(s.state = 'idle' AND s.backend_xmin IS NULL
                                    AND s.state_change < $1::timestamptz
                                    AND s.backend_start < $1::timestamptz, false)) AS kept(u)
WHERE s.backend_type = 'client backend' AND s.pid <> pg_backend_pid()
