-- Connections for PostgreSQL 14 to 18, in one row: max_connections, reserved_connections,
-- read_at (the statement's now()), server_started, lock_waiters, and the other client sessions
-- but the cockpit's own, each sent only as far as the caller does not already have it.
-- New in 14: query_id (filled when compute_query_id is on). New in 16: reserved_connections
-- (pg_use_reserved_connections) on top of the superuser slots, read as missing (0) before 16.
-- 17 and 18 changed none of the pg_stat_get_activity columns used here.
-- $1 is the caller's last read's now(). A session that connected before it was in that read:
-- its user, client, database and connection time cannot have changed since. One whose state has
-- not changed since has the same query and query start too. Each session is in one tier:
-- - arrived (connected since, or no last read): every field, with its user in arrived_users
--   and its query in arrived_queries, the database by oid (named in databases);
-- - changed (state changed since): what a new statement moves, its query in changed_queries;
-- - steady (a long query, a lock waiter, an idle transaction): only what can move without a
--   change of state: application, state, wait event, transaction start, xmin age, query id;
-- - unchanged (steady and plain idle): only counted in unchanged_count, so hundreds of idle
--   pool connections are neither sent nor parsed on every refresh. Each was in the last read,
--   so when the caller has as many sessions of that read left over as the count, they are
--   these. $2 true also names them, by pid, in the comma-separated unchanged list: for the reads
--   after a session left, when the count falls short (listing 400 pids took 0.5 ms a read).
-- "Since the last read" leaves one second of margin: a backend takes the time of a change a
-- moment before it writes the change, and a change written after the last read, stamped before
-- it, would otherwise be missed until the session next changed.
-- One pass over pg_stat_get_activity() and nothing else: no view (its joins to pg_database and
-- pg_authid cost more than the rows), no sort, no grouping; the cockpit orders, ages, counts
-- and groups the sessions itself.
-- Sessions come packed in text, not as rows or JSON objects: fields joined by \x1f, sessions by
-- \x1e, an empty field for NULL. Every packed field is a number (timestamps too: seconds since
-- 1970, to the microsecond) or a name PostgreSQL keeps to printable ASCII (application_name,
-- state, wait events) or an address, so none holds either separator; user names and query text
-- can hold anything and come as JSON arrays in the same order.
-- Against rows with a head row counted from a materialised pass, under 501 sessions and 50 lock
-- waiters (npm run bench -- database-panes, two runs): 2.9 ms a read instead of 3.3-3.9 when
-- none changed; 4.5 instead of 6.5-8.2 when 400 had run a statement since; a first read 4.4-5.0
-- instead of 7.8-8.1. json_build_array looks up the type of every value it is given, a row
-- costs the server an output call per column, and a second pass needs the first kept.
-- Timestamps as date_part('epoch', …) rather than to_json(…): 400 sessions that ran a statement
-- since cost 3.7-4.1 ms a read instead of 4.3-5.3 (three runs, rotated), since writing a
-- timestamptz works out its time zone and calendar fields on every call. Times 10^6 cast to
-- int8 cost as much as to_json, two more calls per value.
-- Query text is cut to 4096 characters.
-- lock_waiters counts every backend waiting on a heavyweight lock (autovacuum and parallel
-- workers too): with none, the Locks pane has nothing to ask pg_locks this refresh.
SELECT current_setting('max_connections')::int AS max_connections,
       (current_setting('superuser_reserved_connections')::int
         + coalesce(current_setting('reserved_connections', true)::int, 0)) AS reserved_connections,
       to_json(now()) #>> '{}' AS read_at,
       to_json(pg_postmaster_start_time()) #>> '{}' AS server_started,
       count(*) FILTER (WHERE a.wait_event_type = 'Lock')::int AS lock_waiters,
       string_agg(concat(a.pid, E'\x1f', a.application_name, E'\x1f', host(a.client_addr), E'\x1f',
                         a.datid, E'\x1f', a.state, E'\x1f', a.wait_event_type, E'\x1f',
                         a.wait_event, E'\x1f', date_part('epoch', a.backend_start), E'\x1f',
                         date_part('epoch', a.xact_start), E'\x1f',
                         date_part('epoch', a.query_start), E'\x1f',
                         date_part('epoch', a.state_change), E'\x1f', age(a.backend_xmin), E'\x1f',
                         a.query_id, E'\x1f', a.leader_pid), E'\x1e')
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
                         a.query_id, E'\x1f', a.leader_pid), E'\x1e')
         FILTER (WHERE k.tier = 'changed') AS changed,
       json_agg(left(a.query, 4096)) FILTER (WHERE k.tier = 'changed') AS changed_queries,
       string_agg(concat(a.pid, E'\x1f', a.application_name, E'\x1f', a.state, E'\x1f',
                         a.wait_event_type, E'\x1f', a.wait_event, E'\x1f',
                         date_part('epoch', a.xact_start), E'\x1f', age(a.backend_xmin), E'\x1f',
                         a.query_id), E'\x1e')
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
