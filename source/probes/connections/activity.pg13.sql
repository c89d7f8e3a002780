-- Connections for PostgreSQL 13, with the same columns as the 14 variant (see there).
-- Differs from 14: no query_id, so its field is always empty. Only the superuser slots are reserved.
SELECT current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved_connections,
       to_json(now()) #>> '{}' AS read_at,
       to_json(pg_postmaster_start_time()) #>> '{}' AS server_started,
       count(*) FILTER (WHERE a.wait_event_type = 'Lock')::int AS lock_waiters,
       string_agg(concat(a.pid, E'\x1f', a.application_name, E'\x1f', host(a.client_addr), E'\x1f',
                         a.datid, E'\x1f', a.state, E'\x1f', a.wait_event_type, E'\x1f',
                         a.wait_event, E'\x1f', date_part('epoch', a.backend_start), E'\x1f',
                         date_part('epoch', a.xact_start), E'\x1f',
                         date_part('epoch', a.query_start), E'\x1f',
                         date_part('epoch', a.state_change), E'\x1f', age(a.backend_xmin), E'\x1f',
                         NULL::int8, E'\x1f', a.leader_pid), E'\x1e')
         FILTER (WHERE k.tier = 'arrived') AS arrived,
       json_agg(pg_get_userbyid(a.usesysid)) FILTER (WHERE k.tier = 'arrived') AS arrived_users,
       json_agg(left(a.query, 4096)) FILTER (WHERE k.tier = 'arrived') AS arrived_queries,
       CASE WHEN bool_or(k.tier = 'arrived')
            THEN (SELECT json_object_agg(d.oid, d.datname) FROM pg_database AS d) END AS databases,
       string_agg(concat(a.pid, E'\x1f', a.application_name, E'\x1f', a.state, E'\x1f',
                         a.wait_event_type, E'\x1f', a.wait_event, E'\x1f',
                         date_part('epoch', a.xact_start), E'\x1f',
                         date_part('epoch', a.query_start), E'\x1f',
                         date_part('epoch', a.state_change), E'\x1f', age(a.backend_xmin), E'\x1f',
                         NULL::int8, E'\x1f', a.leader_pid), E'\x1e')
         FILTER (WHERE k.tier = 'changed') AS changed,
       json_agg(left(a.query, 4096)) FILTER (WHERE k.tier = 'changed') AS changed_queries,
       string_agg(concat(a.pid, E'\x1f', a.application_name, E'\x1f', a.state, E'\x1f',
                         a.wait_event_type, E'\x1f', a.wait_event, E'\x1f',
                         date_part('epoch', a.xact_start), E'\x1f', age(a.backend_xmin), E'\x1f',
                         NULL::int8), E'\x1e')
         FILTER (WHERE k.tier = 'steady') AS steady,
       count(*) FILTER (WHERE k.tier = 'unchanged')::int AS unchanged_count,
       string_agg(a.pid::text, ',') FILTER (WHERE $2::boolean AND k.tier = 'unchanged') AS unchanged
FROM pg_stat_get_activity(NULL) AS a
CROSS JOIN LATERAL (
  SELECT CASE WHEN a.backend_type <> 'client backend' THEN NULL
              WHEN NOT coalesce(a.backend_start < $1::timestamptz - interval '1 second', false)
                THEN 'arrived'
              WHEN NOT coalesce(a.state_change < $1::timestamptz - interval '1 second', false)
                THEN 'changed'
              WHEN a.state = 'idle' AND a.backend_xmin IS NULL THEN 'unchanged'
              ELSE 'steady' END AS tier
) AS k
WHERE a.pid <> pg_backend_pid()
  -- Seconds as float8 to the microsecond only while floats are written shortest-exact (the
  -- default): a role set to fewer digits would round them. Set for this statement alone.
  AND (SELECT set_config('extra_float_digits', '1', true)) IS NOT NULL
