-- Connections for PostgreSQL 13, with the same columns as the 14 variant (see there).
-- Differs from 14: no query_id, so queryId is always NULL. Only the superuser slots are reserved.
WITH s AS MATERIALIZED (
  SELECT a.pid, a.usesysid, a.application_name, a.client_addr, a.datid, a.state,
         a.wait_event_type, a.wait_event, a.backend_start, a.xact_start, a.query_start,
         a.state_change, a.backend_xmin, a.leader_pid,
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
       current_setting('superuser_reserved_connections')::int AS reserved_connections,
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
       NULL::text,
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
       age(s.backend_xmin), NULL, NULL, NULL,
       true
FROM s
WHERE s.steady AND NOT s.unchanged
