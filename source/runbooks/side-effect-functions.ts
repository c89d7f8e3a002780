/**
 * Functions that do something besides returning a value: a SELECT calling one of them is
 * dangerous even inside a READ ONLY transaction (`SELECT pg_terminate_backend(pid)` runs fine
 * in one). This is the one list the classifier consults; a name matches exactly, or by prefix
 * where `prefix` is set. Names are compared without schema, lower-cased.
 */
export const sideEffectFunctions: ReadonlyArray<{name: string; prefix?: true; why: string}> = [
  {name: 'pg_terminate_backend', why: 'ends another session'},
  {name: 'pg_cancel_backend', why: 'cancels another session’s query'},
  {name: 'pg_reload_conf', why: 'reloads the server configuration'},
  {name: 'pg_rotate_logfile', why: 'rotates the server log'},
  {name: 'pg_switch_wal', why: 'forces a WAL switch'},
  {name: 'pg_promote', why: 'promotes a standby'},
  {name: 'pg_create_restore_point', why: 'writes a WAL restore point'},
  {name: 'pg_log_backend_memory_contexts', why: 'writes to the server log'},
  {name: 'pg_advisory', prefix: true, why: 'takes or releases an advisory lock'},
  {name: 'pg_try_advisory', prefix: true, why: 'takes an advisory lock'},
  {name: 'dblink', prefix: true, why: 'runs SQL on another connection'},
  {name: 'lo_', prefix: true, why: 'reads, writes or creates large objects'},
  {name: 'pg_read_file', why: 'reads a server file'},
  {name: 'pg_read_binary_file', why: 'reads a server file'},
  {name: 'pg_stat_file', why: 'inspects a server file'},
  {name: 'pg_ls_', prefix: true, why: 'lists a server directory'},
  {name: 'pg_file_', prefix: true, why: 'writes, renames or deletes a server file'},
  {name: 'set_config', why: 'changes a setting'},
  {name: 'nextval', why: 'advances a sequence (not rolled back)'},
  {name: 'setval', why: 'moves a sequence'},
  {name: 'pg_notify', why: 'sends a notification'},
  {name: 'pg_sleep', prefix: true, why: 'holds the connection'},
  {name: 'pg_stat_reset', prefix: true, why: 'resets statistics'},
  {name: 'pg_stat_statements_reset', why: 'resets query statistics'},
  {name: 'pg_create_physical_replication_slot', why: 'creates a replication slot'},
  {name: 'pg_create_logical_replication_slot', why: 'creates a replication slot'},
  {name: 'pg_drop_replication_slot', why: 'drops a replication slot'},
  {name: 'pg_replication_origin', prefix: true, why: 'changes replication origins'},
  {name: 'pg_logical_emit_message', why: 'writes to the WAL'},
  {name: 'pg_replication_slot_advance', why: 'moves a replication slot forward'},
  {name: 'pg_logical_slot_get_', prefix: true, why: 'consumes changes from a replication slot'},
  {name: 'pg_copy_', prefix: true, why: 'copies a replication slot'},
  {name: 'pg_backup_', prefix: true, why: 'starts or stops a base backup'},
  {name: 'pg_start_backup', why: 'starts a base backup'},
  {name: 'pg_stop_backup', why: 'stops a base backup'},
  {name: 'pg_wal_replay_', prefix: true, why: 'pauses or resumes WAL replay on a standby'},
  {name: 'pg_import_system_collations', why: 'creates collations'},
  {name: 'pg_sync_replication_slots', why: 'synchronises replication slots'},
  // pgsql-http (the http extension) and pg_net (net.http_get, …), both on Supabase, make
  // network calls; names are compared without their schema, so one prefix covers both.
  {name: 'http', prefix: true, why: 'makes an HTTP request from the database'},
  {name: 'query_to_xml', prefix: true, why: 'runs the SQL text it is given'},
  {name: 'cursor_to_xml', prefix: true, why: 'fetches from a cursor'},
];

/** Why calling `name` is dangerous, or undefined when it is a plain function. */
export function sideEffectOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return sideEffectFunctions.find((entry) =>
    entry.prefix ? lower.startsWith(entry.name) : lower === entry.name,
  )?.why;
}
