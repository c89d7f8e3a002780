/**
 * Built-in functions known to do nothing but compute a value: the only functions a SQL step
 * may call and still be a plain read. Anything else — a user function, a `SECURITY DEFINER`
 * wrapper, an extension's function, a built-in not listed here — could act on the database
 * however it is declared, and a READ ONLY transaction does not stop it (a wrapper around
 * `pg_terminate_backend` runs fine in one). Names are PostgreSQL's, lower-case, and count only
 * unqualified or qualified with `pg_catalog`. Add a name only after reading what it does.
 */
const names = `
  abs ceil ceiling floor round trunc sign mod div power pow sqrt cbrt exp ln log log10 pi
  greatest least width_bucket random gen_random_uuid numeric int2 int4 int8
  float4 float8 to_char to_number to_date to_timestamp to_hex
  length char_length character_length octet_length bit_length lower upper initcap left right
  substr substring strpos position replace translate trim btrim ltrim rtrim lpad rpad repeat
  reverse split_part concat concat_ws format quote_ident quote_literal quote_nullable md5 sha256
  encode decode regexp_replace regexp_match regexp_matches regexp_split_to_array
  regexp_split_to_table regexp_like regexp_count regexp_substr starts_with string_to_array
  array_to_string ascii chr overlay normalize
  now current_timestamp clock_timestamp statement_timestamp transaction_timestamp timeofday
  date_trunc date_part extract date_bin age make_interval make_date make_time make_timestamp
  make_timestamptz justify_interval justify_days justify_hours isfinite timezone
  count sum avg min max bool_and bool_or every string_agg array_agg json_agg jsonb_agg
  json_object_agg jsonb_object_agg percentile_cont percentile_disc mode stddev stddev_pop
  stddev_samp variance var_pop var_samp corr regr_slope bit_and bit_or any_value
  row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value
  nth_value
  array_length array_upper array_lower array_position array_positions array_remove
  array_append array_prepend array_cat cardinality unnest generate_series generate_subscripts
  json_build_object jsonb_build_object json_build_array jsonb_build_array to_json to_jsonb
  row_to_json array_to_json jsonb_pretty jsonb_typeof json_typeof jsonb_array_length
  json_array_length jsonb_each jsonb_each_text json_each json_each_text jsonb_object_keys
  json_object_keys jsonb_array_elements jsonb_array_elements_text json_array_elements
  json_array_elements_text jsonb_extract_path jsonb_extract_path_text json_extract_path
  json_extract_path_text jsonb_strip_nulls jsonb_set jsonb_insert jsonb_path_query
  jsonb_path_exists jsonb_path_match
  pg_typeof coalesce nullif num_nulls num_nonnulls
  current_setting current_database current_schema current_schemas current_user session_user
  version inet_client_addr inet_client_port inet_server_addr inet_server_port host masklen
  pg_backend_pid pg_blocking_pids pg_safe_snapshot_blocking_pids pg_is_in_recovery
  pg_postmaster_start_time pg_conf_load_time pg_current_wal_lsn pg_current_wal_insert_lsn
  pg_current_wal_flush_lsn pg_last_wal_receive_lsn pg_last_wal_replay_lsn
  pg_last_xact_replay_timestamp pg_wal_lsn_diff pg_is_wal_replay_paused
  pg_size_pretty pg_size_bytes pg_relation_size pg_total_relation_size pg_table_size
  pg_indexes_size pg_database_size pg_tablespace_size pg_column_size
  pg_relation_filenode
  to_regclass to_regtype to_regproc to_regnamespace to_regrole pg_get_indexdef
  pg_get_constraintdef pg_get_viewdef pg_get_triggerdef pg_get_functiondef pg_get_expr
  pg_get_userbyid pg_get_serial_sequence format_type obj_description col_description
  has_table_privilege has_schema_privilege has_database_privilege has_column_privilege
  has_function_privilege pg_has_role row_security_active
  pg_stat_get_activity pg_stat_get_backend_pid pg_xact_commit_timestamp pg_snapshot_xmin
  pg_current_snapshot txid_current_snapshot pg_visible_in_snapshot txid_visible_in_snapshot
  txid_snapshot_xmin age mxid_age pg_xact_status txid_status
  inet_merge family broadcast network netmask abbrev
`;

const allowed: ReadonlySet<string> = new Set(names.split(/\s+/).filter(Boolean));

/**
 * Whether a call of `name` (its schema, when written, in `schema`) is a known side-effect-free
 * built-in. A name qualified with any schema other than `pg_catalog` is someone's own function.
 */
export function isSideEffectFree(name: string, schema?: string): boolean {
  if (schema !== undefined && schema.toLowerCase() !== 'pg_catalog') return false;
  return allowed.has(name.toLowerCase());
}
