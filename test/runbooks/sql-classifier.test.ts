import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {allSteps} from '../../source/runbooks/runbook-walk';
import {classifySql} from '../../source/runbooks/sql-classifier';
import {loadSqlParser} from '../../source/runbooks/sql-parser';

beforeAll(async () => {
  await loadSqlParser();
});

const table: Array<[string, string]> = [
  ['SELECT 1', 'read'],
  ['SHOW work_mem', 'read'],
  ['TABLE orders', 'read'],
  ['VALUES (1), (2)', 'read'],
  ['EXPLAIN SELECT * FROM orders', 'read'],
  ['EXPLAIN UPDATE orders SET status = 1', 'read'],
  ['EXPLAIN ANALYZE SELECT * FROM orders', 'read'],
  ['EXPLAIN (ANALYZE false) DELETE FROM orders', 'read'],
  ['EXPLAIN ANALYZE UPDATE orders SET status = 1', 'dangerous'],
  ['EXPLAIN (ANALYZE, BUFFERS) DELETE FROM orders', 'dangerous'],
  ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity', 'dangerous'],
  ["SELECT pg_backup_start('x')", 'dangerous'],
  ["SELECT status FROM http_get('https://example.com')", 'dangerous'],
  ["SELECT net.http_post('https://example.com/hook')", 'dangerous'],
  ["SELECT * FROM pg_logical_slot_get_changes('slot', NULL, NULL)", 'dangerous'],
  ["SELECT pg_replication_slot_advance('slot', '0/0')", 'dangerous'],
  ['SELECT pg_wal_replay_pause()', 'dangerous'],
  ['SELECT pg_catalog.pg_cancel_backend(42)', 'dangerous'],
  ['SELECT * FROM (SELECT pg_reload_conf()) AS s', 'dangerous'],
  ['WITH x AS (SELECT pg_advisory_lock(1)) SELECT * FROM x', 'dangerous'],
  ['SELECT pg_try_advisory_xact_lock(7)', 'dangerous'],
  ["SELECT * FROM dblink('host=x', 'select 1') AS t(a int)", 'dangerous'],
  ["SELECT lo_import('/etc/passwd')", 'dangerous'],
  ["SELECT pg_read_file('postgresql.conf')", 'dangerous'],
  ["SELECT pg_ls_dir('.')", 'dangerous'],
  ["SELECT set_config('work_mem', '1GB', false)", 'dangerous'],
  ["SELECT nextval('orders_id_seq')", 'dangerous'],
  ["SELECT query_to_xml('delete from orders', true, false, '')", 'dangerous'],
  ['SELECT 1 WHERE EXISTS (SELECT pg_sleep(10))', 'dangerous'],
  ['SELECT * FROM orders FOR UPDATE', 'dangerous'],
  ['SELECT * FROM orders FOR SHARE SKIP LOCKED', 'dangerous'],
  ['SELECT * INTO copy_of_orders FROM orders', 'dangerous'],
  ['CREATE TABLE x (a int)', 'dangerous'],
  ['DROP TABLE orders', 'dangerous'],
  ['ALTER TABLE orders ADD COLUMN x int', 'dangerous'],
  ['CREATE INDEX CONCURRENTLY i ON orders (status)', 'dangerous'],
  ['VACUUM ANALYZE orders', 'dangerous'],
  ['ANALYZE orders', 'dangerous'],
  ['TRUNCATE orders', 'dangerous'],
  ["SET statement_timeout = '0'", 'dangerous'],
  ['COPY orders TO STDOUT', 'dangerous'],
  ['BEGIN', 'dangerous'],
  ['DO $$ BEGIN PERFORM 1; END $$', 'dangerous'],
  ['GRANT ALL ON orders TO public', 'dangerous'],
  ['INSERT INTO orders (customer_email) VALUES (1)', 'write'],
  ['UPDATE orders SET status = 1', 'write'],
  ['DELETE FROM orders WHERE id = 1 RETURNING id', 'write'],
  ['MERGE INTO orders o USING orders s ON o.id = s.id WHEN MATCHED THEN DELETE', 'write'],
  ['WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone', 'write'],
  ['SELECT 1; UPDATE orders SET status = 1', 'write'],
  ['SELECT 1; DROP TABLE orders; UPDATE orders SET status = 1', 'dangerous'],
  ['UPDATE orders SET status = pg_terminate_backend(1)::text', 'dangerous'],
  ["SELECT count(*), max(id), now() - interval '1 hour' FROM orders", 'read'],
  [
    'SELECT pg_catalog.now(), extract(epoch FROM now()), left(query, 80) FROM pg_stat_activity',
    'read',
  ],
  [
    "SELECT round(100.0 * sum(n) / nullif(max(n), 0), 1), coalesce(string_agg(x, ','), '') FROM t",
    'read',
  ],
  ['SELECT pg_blocking_pids(pid), pg_size_pretty(pg_total_relation_size(oid)) FROM t', 'read'],
  ['SELECT kill_session(42)', 'write'],
  ['SELECT ops.purge_old_rows()', 'write'],
  ["SELECT public.lower('x')", 'write'],
  ['SELECT * FROM report_rows()', 'write'],
  ['SELECT 1 WHERE EXISTS (SELECT audit_cleanup())', 'write'],
  ['EXPLAIN SELECT fold_me_at_plan_time()', 'write'],
  ['EXPLAIN ANALYZE SELECT kill_session(1)', 'dangerous'],
  ['SELECT 1 OPERATOR(public.===) 2', 'write'],
  ['UPDATE orders SET status = compute_status(id)', 'write'],
  ["SELECT dblink_exec('host=x', 'delete from orders')", 'dangerous'],
  ['SELECT pg_advisory_lock(42)', 'dangerous'],
  ["SELECT setval('orders_id_seq', 1)", 'dangerous'],
  ['SELEC 1', 'unparseable'],
  ['-- only a comment', 'unparseable'],
  ['', 'unparseable'],
];

describe('classifySql', () => {
  it.each(table)('%s → %s', (sql, expected) => {
    expect(classifySql(sql).sqlClass).toBe(expected);
  });

  it('gives the parser message and the reasons', () => {
    expect(classifySql('SELEC 1').error).toBe('syntax error at or near "SELEC"');
    const statement = classifySql('SELECT pg_terminate_backend(1)').statements[0]!;
    expect(statement.reasons).toEqual(['pg_terminate_backend() ends another session']);
  });

  it('never lets a preview run a function it does not know', () => {
    const call = classifySql('SELECT kill_session(42)').statements[0]!;
    expect(call).toMatchObject({
      sqlClass: 'write',
      previewable: false,
      reasons: ['kill_session() is not a known side-effect-free built-in'],
    });
    expect(
      classifySql('UPDATE orders SET status = compute_status(id)').statements[0],
    ).toMatchObject({sqlClass: 'write', previewable: false});
    expect(classifySql("UPDATE orders SET status = 'x', at = now()").statements[0]).toMatchObject({
      sqlClass: 'write',
      previewable: true,
    });
  });

  it('splits a block into statements with their own text', () => {
    const result = classifySql("SELECT 'é;'; UPDATE orders SET status = 'x' RETURNING id");
    expect(
      result.statements.map((statement) => [
        statement.text,
        statement.sqlClass,
        statement.hasReturning,
      ]),
    ).toEqual([
      ["SELECT 'é;'", 'read', false],
      ["UPDATE orders SET status = 'x' RETURNING id", 'write', true],
    ]);
  });

  it('classifies the SQL of a runbook in the style of other teams', () => {
    const name = 'warehouse-incidents.md';
    const found: Record<string, string[]> = {};
    const runbook = parseRunbook(
      readFileSync(path.resolve(import.meta.dirname, '../fixtures/runbooks', name)),
      name,
    );
    for (const {step} of allSteps(runbook))
      for (const code of step.code.filter((block) => block.lang === 'sql')) {
        const sqlClass = classifySql(code.text).sqlClass;
        found[sqlClass] = [...(found[sqlClass] ?? []), code.text.split('\n')[0]!];
      }
    expect(found.read).toEqual(
      expect.arrayContaining([
        'SELECT pid, now() - query_start AS running_for, left(query, 60)',
        'SELECT attempted_at, succeeded FROM login_attempts',
      ]),
    );
    expect(found.dangerous).toEqual(
      expect.arrayContaining([
        'SELECT pg_terminate_backend(pid)',
        'ANALYZE stock_items;',
        'VACUUM ANALYZE stock_items;',
      ]),
    );
    expect(found.write).toEqual(
      expect.arrayContaining([
        "DELETE FROM login_attempts WHERE email = 'picker@example.com';",
        'UPDATE notification_log',
        "UPDATE api_keys SET revoked_at = now() WHERE id = '[api-key-id]';",
      ]),
    );
    // `WHERE id = '[api-key-id]'` is a string literal: all of the runbook's SQL parses.
    expect(found.unparseable).toBeUndefined();
  });
});
