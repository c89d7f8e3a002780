import {afterEach, describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {activeBindings, keyBindings} from '../../../source/ui/keys';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';
import {connectionsSnapshot, locksSnapshot, recordFreshOutcome} from './recorded-snapshots';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

function storeWithSnapshots(options: {readOnly?: boolean} = {}) {
  const store = createCockpitStore({
    databaseLabel: 'shop@db:5432/shop',
    readOnly: options.readOnly,
  });
  const now = Date.now();
  const outcome = (data: unknown) => ({
    ok: true as const,
    data,
    startedAt: now,
    fetchedAt: now,
    durationMs: 3,
  });
  store.getState().recordProbeOutcome('connections', outcome(connectionsSnapshot));
  store.getState().recordProbeOutcome('locks', outcome(locksSnapshot));
  return store;
}

async function zoomed(
  paneTabs: number,
  options: {readOnly?: boolean; columns?: number; rows?: number} = {},
) {
  ui = await renderUi({
    columns: options.columns ?? 160,
    rows: options.rows ?? 40,
    store: storeWithSnapshots(options),
  });
  for (let tab = 0; tab < paneTabs; tab += 1) await ui.press(keys.tab);
  await ui.press('z');
  return ui;
}

describe('connections pane', () => {
  it('shows the count against the usable limit, states, groups and every idle transaction', async () => {
    const pane = await zoomed(0);
    // 142 sessions and the cockpit's own backend: 143 of the 197 usable slots.
    const frame = await pane.waitForFrame('143/197');
    expect(frame).toContain('active 5 · idle 135 · idle in transaction 2');
    expect(frame).toContain('by application: postgrest (PostgREST API) 100');
    expect(frame).toContain('idle in tx oldest 31m40s · max xmin age 5321');
    expect(frame).toMatch(/4201 +31m40s +31m30s +5321 +idle in tx/);
    // Plain idle sessions are listed with how long they have been idle.
    expect(frame).toMatch(/4301 +20m00s +idle .*postgrest .*SELECT id FROM campaigns/);
    expect(frame).toContain('XACT▼');
    expect(frame).toContain('Connections · 1–7 of 7');
    await pane.press('g');
    const grouped = await pane.waitForFrame('Connections · by application');
    expect(grouped).toMatch(/▸ postgrest \(PostgREST API\) +100 +2 +98/);
    await pane.press(keys.enter);
    await pane.waitForFrame((frame) => /4301 idle +20m00s/.test(frame));
    await pane.press('g');
    await pane.waitForFrame('Connections · by user');
  });

  it('selects with arrows, copies the query with y and opens the detail with Enter', async () => {
    const pane = await zoomed(0);
    await pane.press(keys.down, 'y');
    expect(pane.actions.copied).toEqual(['SELECT pg_sleep(900) /* nightly report */']);
    await pane.waitForFrame('copied the query of pid 4101');
    expect(pane.store.getState().ui.focusedPaneId).toBe('connections');
    await pane.press(keys.enter);
    const detail = await pane.waitForFrame('Session 4101');
    expect(detail).toContain('backend start 2026-11-26T12:44:20.784451+00:00');
    expect(detail).toContain('wait event    Timeout: PgSleep');
    expect(detail).toContain('SELECT pg_sleep(900) /* nightly report */');
    await pane.press(keys.escape);
    await pane.waitForFrame((frame) => !frame.includes('Session 4101'));
  });

  it('filters every row with /, idle-in-transaction ones too', async () => {
    const pane = await zoomed(0);
    await pane.press('/', 'c', 'h', 'e', 'c', 'k', keys.enter);
    const frame = await pane.waitForFrame('filter: check');
    expect(frame).toContain('4102');
    expect(frame).not.toMatch(/4101 /);
    expect(frame).not.toContain('4201');
    expect(frame).toContain('1–1 of 1');
  });

  it('takes a filter typed in the same input chunk as /', async () => {
    const pane = await zoomed(0);
    await pane.press(`/checkout${keys.enter}`);
    const frame = await pane.waitForFrame('filter: checkout');
    expect(frame).toContain('1–1 of 1');
    expect(pane.store.getState().ui.overlay).toBeUndefined();
  });

  it('says an idle-in-transaction session has no query to cancel, and confirms nothing', async () => {
    const pane = await zoomed(0);
    await pane.press('C');
    await pane.waitForFrame(
      'pid 4201 is idle in transaction: there is no query to cancel. K terminates it',
    );
    expect(pane.store.getState().ui.overlay).toBeUndefined();
    expect(pane.actions.requests).toEqual([]);
  });

  it('K on a group row terminates its long-idle sessions after the typed confirmation', async () => {
    const pane = await zoomed(0);
    await pane.press('g', 'K');
    await pane.waitForFrame('idle longer than how many minutes? (Enter: 10)');
    await pane.press(keys.enter);
    const confirmation = await pane.waitForFrame('Type terminate');
    expect(confirmation).toContain(
      'terminate 2 idle sessions of postgrest (PostgREST API) idle longer than 10m?',
    );
    expect(confirmation).toContain('On: pid 4301');
    await pane.press(...'terminate'.split(''), keys.enter);
    await pane.waitForFrame('idle longer than 10m: done');
    expect(pane.actions.requests[0]?.request.statements[0]).toContain("a.state = 'idle'");
  });

  it('terminates the marked sessions only after the typed confirmation', async () => {
    const pane = await zoomed(0);
    await pane.press('m', 'm', 'K');
    const confirmation = await pane.waitForFrame('Type terminate');
    expect(confirmation).toContain('pg_terminate_backend(a.pid)');
    expect(confirmation).toContain(
      "a.pid = 4201 AND a.backend_start = '2026-11-26T12:44:20.784451+00:00'",
    );
    expect(confirmation).toContain('pid 4101, postgres, app report-worker');
    await pane.press('t', 'e', 'r', 'm', keys.enter);
    await pane.waitForFrame('not "terminate"');
    expect(pane.actions.requests).toEqual([]);
    await pane.press(...'terminate'.split(''), keys.enter);
    await pane.waitForFrame('terminate 2 sessions (4201, 4101): done');
    expect(pane.actions.requests).toHaveLength(1);
    expect(pane.actions.requests[0]).toMatchObject({
      outcome: 'run',
      request: {kind: 'action.terminate'},
    });
  });

  it('records a confirmation cancelled with Esc', async () => {
    const pane = await zoomed(0);
    await pane.press(keys.down, 'C');
    await pane.waitForFrame('Type cancel');
    await pane.press(keys.escape);
    await pane.waitForFrame('not confirmed: cancel the query of session 4101');
    expect(pane.actions.requests).toEqual([
      expect.objectContaining({
        outcome: 'cancelled',
        request: expect.objectContaining({kind: 'action.cancel'}),
      }),
    ]);
  });

  it('never binds cancel or terminate under --read-only', async () => {
    expect(activeBindings(true).filter((binding) => binding.dangerous)).toEqual([]);
    expect(
      keyBindings
        .filter((binding) => binding.dangerous)
        .map((binding) => binding.command)
        .sort(),
    ).toEqual([
      'campaigns.stop',
      'dlq.requeue',
      'emails.retry',
      'locks.terminateRoot',
      'session.cancel',
      'session.cancel',
      'session.terminate',
      'session.terminate',
    ]);
    const pane = await zoomed(0, {readOnly: true});
    await pane.press('K', 'C');
    await pane.settle();
    expect(pane.store.getState().ui.overlay).toBeUndefined();
    expect(pane.lastFrame()).not.toContain('Type terminate');
  });
});

describe('locks pane', () => {
  it('shows the chains as a tree with the waiting count and longest wait in its title', async () => {
    const pane = await zoomed(1);
    const frame = await pane.waitForFrame('Locks · 3 waiting · longest 40s');
    expect(frame).toMatch(/4201 +root blocker, blocks 1 +idle in tx +31m40s/);
    expect(frame).toMatch(/└─ 4102 +40s ShareLock on transactionid held by 4201/);
    expect(frame).toMatch(/ {3}└─ 4103 +12s ExclusiveLock on a row of accounts held by 4102/);
    expect(frame).toContain('AccessExclusiveLock on reports (+1 more blocker)');
    // Six sessions, six rows: nobody is listed twice.
    expect(frame.match(/4303/g)).toHaveLength(2);
  });

  it("keeps the root blocker's state and transaction age on its row at 80 columns", async () => {
    const pane = await zoomed(1, {columns: 80, rows: 24});
    const frame = await pane.waitForFrame('Locks · 3 waiting');
    // STATE and XACT do not fit beside the tree; the root's row says them itself.
    expect(frame).not.toContain('STATE');
    expect(frame).toMatch(/4201 +root blocker, idle in tx for 31m40s, blocks 1/);
    expect(frame).toMatch(/└─ 4102 +ShareLock on transactionid held by 4201/);
  });

  it('says so when T, K, C, y or Enter finds no chain or session to act on', async () => {
    const store = storeWithSnapshots();
    recordFreshOutcome(store, 'locks', {waiting: 0, longestWaitSeconds: 0, edges: [], chains: []});
    ui = await renderUi({columns: 160, rows: 40, store});
    await ui.press(keys.tab, 'z');
    await ui.waitForFrame('no blocking chains');
    await ui.press('T');
    await ui.waitForFrame('no blocking chain: no root blocker to terminate');
    for (const key of ['K', 'C', 'y', keys.enter]) {
      store.getState().updateUi({message: undefined});
      await ui.press(key);
      await ui.waitForFrame('the list is empty: no session to act on');
    }
    expect(ui.actions.requests).toEqual([]);
  });

  it('offers to terminate the root blocker of the selected waiter', async () => {
    const pane = await zoomed(1);
    await pane.press(keys.down, keys.down, 'T');
    const confirmation = await pane.waitForFrame('Type terminate');
    expect(confirmation).toContain('terminate the root blocker, session 4201?');
    await pane.press(keys.escape);
    await pane.waitForFrame((frame) => !frame.includes('Type terminate'));
    await pane.press('\u001b[H', keys.enter);
    const detail = await pane.waitForFrame('Session 4201');
    expect(detail).toContain('blocks        4102');
    expect(pane.actions.requests.map((entry) => entry.outcome)).toEqual(['cancelled']);
  });
});
