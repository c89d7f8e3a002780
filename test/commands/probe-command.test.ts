import {afterAll, describe, expect, it} from 'vitest';
import {probeAll, runProbeCommand} from '../../source/commands/probe-command';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase, waitFor} from '../helpers/database';

const database = await createTestDatabase({
  schema: 'CREATE TABLE accounts (id int PRIMARY KEY); INSERT INTO accounts VALUES (1);',
});
const holder = await database.connect('holder');
await holder.query('BEGIN');
await holder.query('UPDATE accounts SET id = 1 WHERE id = 1');
const waiter = await database.connect('waiter');
const waiterPid = (await waiter.query<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0]!
  .pid;
const waiting = waiter.query('UPDATE accounts SET id = 1 WHERE id = 1').catch(() => undefined);
await waitFor(
  async () =>
    (
      await database.query(
        `SELECT 1 FROM pg_stat_activity WHERE pid = ${waiterPid} AND wait_event_type = 'Lock'`,
      )
    ).length === 1,
  {what: 'the waiting update'},
);
afterAll(async () => {
  await holder.query('ROLLBACK');
  await waiting;
});

describe('cockpit probe', () => {
  it('prints one JSON snapshot of every pane with the documented fields', async () => {
    let output = '';
    const code = await runProbeCommand({db: database.url, json: true}, {}, (text) => {
      output += text;
    });
    expect(code).toBe(0);
    const report = JSON.parse(output);
    expect(report.target.label).not.toContain(testPassword());
    expect(report.connections).toMatchObject({ok: true, max: 200, byState: expect.any(Object)});
    expect(report.connections.total).toBeGreaterThanOrEqual(2);
    expect(Date.parse(report.connections.fetchedAt)).not.toBeNaN();
    expect(report.connections.longRunning).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pid: waiterPid,
          durationSeconds: expect.any(Number),
          state: 'active',
          user: 'postgres',
          application: 'waiter',
          query: 'UPDATE accounts SET id = 1 WHERE id = 1',
        }),
      ]),
    );
    expect(report.locks).toMatchObject({ok: true, waiting: expect.any(Number)});
    expect(report.locks.waiting).toBeGreaterThanOrEqual(1);
    // Other test files share the server: find this file's chain.
    const chain = report.locks.chains.find((candidate: {waiters: Array<{pid: number}>}) =>
      candidate.waiters.some((waiter) => waiter.pid === waiterPid),
    );
    expect(chain.blockerPid).toBeGreaterThan(0);
    expect(chain.waiters[0]).toMatchObject({
      pid: waiterPid,
      waitSeconds: expect.any(Number),
      mode: 'ShareLock',
      relation: null,
      lockType: 'transactionid',
    });
  });

  it('prints the same in words without --json', async () => {
    let output = '';
    await runProbeCommand({db: database.url, json: false}, {}, (text) => {
      output += text;
    });
    expect(output).toMatch(/Connections: ok in \d+ ms/);
    expect(output).toMatch(/Locks: ok in \d+ ms\n {2}\d+ sessions waiting on locks/);
  });

  it('reports a failing pane with ok false and its error, the others still filled', async () => {
    const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
    lifeline.start();
    await lifeline.waitUntilConnected(10_000);
    const broken = {
      id: 'broken',
      title: 'Broken',
      intervalMs: 1000,
      run: () => lifeline.read('SELECT pg_sleep(2)', {statementTimeoutMs: 50}),
    };
    const reports = await probeAll(lifeline, [broken, connectionsProbe]);
    await lifeline.close();
    expect(reports.broken).toMatchObject({
      ok: false,
      error: 'query cancelled: statement_timeout reached',
    });
    expect(reports.connections).toMatchObject({ok: true});
  });

  it('refuses to run without a database (no demo fallback)', async () => {
    await expect(runProbeCommand({json: true}, {HOME: '/nonexistent'})).rejects.toMatchObject({
      exitCode: 2,
    });
  });
});

function testPassword(): string {
  return decodeURIComponent(new URL(database.url).password);
}

describe('cockpit probe --json output', () => {
  it('escapes C1 controls, bidi overrides and zero-width characters, and still parses back', async () => {
    const {terminalSafeJson} = await import('../../source/commands/probe-command');
    const hostile = {query: 'a\u009b31m\u202eb\u200bc\u001b[2J'};
    const text = terminalSafeJson(hostile);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u202e]/);
    expect(JSON.parse(text)).toEqual(hostile);
  });
});
