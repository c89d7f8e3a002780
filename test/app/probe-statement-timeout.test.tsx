import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {createTestDatabase} from '../helpers/database';
import {type RenderedUi, renderUi} from '../helpers/render-ui';
import {startController} from './controller-under-test';

const database = await createTestDatabase();
// The lock timeout is longer than the statement timeout, so a probe stuck behind a lock is ended
// by statement_timeout, as on a database where the catalog is busy.
const {store} = startController(database.url, {
  statementTimeoutMs: 400,
  lifeline: {lockTimeoutMs: 10_000},
});
// Holding pg_locks (a view) exclusively makes the locks probe wait; the connections probe does
// not read it and carries on.
const blocker = await database.connect('catalog-blocker');
await blocker.query('BEGIN');
await blocker.query('LOCK TABLE pg_catalog.pg_locks IN ACCESS EXCLUSIVE MODE');
// Locks reads pg_locks only while some backend waits on a lock: one waits on an advisory lock.
const advisoryHolder = await database.connect('advisory-holder');
await advisoryHolder.query('SELECT pg_advisory_lock(7)');
const advisoryWaiter = await database.connect('advisory-waiter');
const advisoryWaiting = advisoryWaiter.query('SELECT pg_advisory_lock(7)').catch(() => undefined);
afterAll(async () => {
  await blocker.query('ROLLBACK');
  await advisoryHolder.query('SELECT pg_advisory_unlock(7)');
  await advisoryWaiting;
});

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('a probe hits statement_timeout', () => {
  it('says so in that pane while the other panes carry on', async () => {
    ui = await renderUi({columns: 200, rows: 60, store});
    const frame = await ui.waitForFrame(
      (candidate) =>
        candidate.includes('query cancelled: statement_timeout reached') &&
        /─ Locks( · [a-z0-9 ·]+)? +failed/.test(candidate),
      10_000,
    );
    expect(frame).toMatch(/Connections[^╮\n]* +\d+(ms|s) ago/);
    const connections = store.getState().probes.connections!;
    expect(connections.error).toBeUndefined();
    const fetchedAt = connections.fetchedAt!;
    await ui.waitForFrame(() => (store.getState().probes.connections?.fetchedAt ?? 0) > fetchedAt);
    expect(store.getState().probes.locks?.error).toBe('query cancelled: statement_timeout reached');
    expect(store.getState().timeline.map((entry) => entry.text)).toContain(
      'Locks probe failing: query cancelled: statement_timeout reached',
    );
  });
});
