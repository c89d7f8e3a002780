import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {ProbeOutcome} from '../../source/probes/probe-types';
import {type CockpitStore, createCockpitStore} from '../../source/store/cockpit-store';
import {regionDemands} from '../../source/ui/pane-demand';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';
import {connectionsSnapshot, locksSnapshot} from './panes/recorded-snapshots';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./panes/fixtures/${name}`, import.meta.url), 'utf8'));

function record(store: CockpitStore, probeId: string, data: unknown) {
  const now = Date.now();
  const outcome: ProbeOutcome = {ok: true, data, startedAt: now, fetchedAt: now, durationMs: 2};
  store.getState().recordProbeOutcome(probeId, outcome);
}

/** The recorded incident: sessions and locks, dead letters and health, but no email failing and no campaign running. */
function incidentStore(options: {readOnly?: boolean} = {}) {
  const store = createCockpitStore({databaseLabel: 'shop@db/shop', readOnly: options.readOnly});
  record(store, 'connections', connectionsSnapshot);
  record(store, 'locks', locksSnapshot);
  record(store, 'dlq', fixture('dlq-snapshot.json'));
  record(store, 'integrations', fixture('integrations-snapshot.json'));
  record(store, 'campaigns', {
    available: true,
    campaigns: [],
    stalledAfterMinutes: 4,
    warnings: [],
  });
  record(store, 'email', {
    available: false,
    reason: 'table email_log is missing (panes.emails.table)',
  });
  return store;
}

describe('regions sized by what they have to show', () => {
  it('asks for one line where there is nothing to report or the table is missing', () => {
    const demands = regionDemands(incidentStore().getState());
    expect(demands.campaigns).toEqual({
      desired: 1,
      minimum: 1,
      collapsed: 'Campaigns · none running',
    });
    expect(demands.emails?.collapsed).toBe(
      'Failed emails · table email_log is missing (panes.emails.table)',
    );
    expect(demands.connections?.desired).toBe(2 + 4 + connectionsSnapshot.sessions.length);
    // Integrations keep one line per function: their minimum is all of them.
    expect(demands.integrations?.minimum).toBe(
      2 + 1 + fixture('integrations-snapshot.json').integrations.length,
    );
  });

  it('at 160x48 draws quiet panes as one line and the lock tree and sessions in full', async () => {
    ui = await renderUi({columns: 160, rows: 48, store: incidentStore()});
    const frame = await ui.waitForFrame('Campaigns · none running');
    const lines = frame.split('\n');
    expect(lines).toHaveLength(48);
    expect(lines.filter((line) => line.includes('Campaigns'))).toHaveLength(1);
    expect(frame).toContain('Failed emails · table email_log is missing');
    expect(frame).toContain('Connections · 1–7 of 7');
    expect(frame).toContain('AccessExclusiveLock on reports (+1 more blocker)');
    expect(frame).toContain('campaign-disp');
  });

  it('keeps Integrations and the APPLICATION column on screen at 120x36', async () => {
    ui = await renderUi({columns: 120, rows: 36, store: incidentStore()});
    const frame = await ui.waitForFrame('─ Integrations ');
    expect(frame).toContain('APPLICATION');
    for (const name of ['send-email', 'campaign-disp']) expect(frame).toContain(name);
  });

  it('gives the query text the rest of the width at 200x60', async () => {
    ui = await renderUi({columns: 200, rows: 60, store: incidentStore()});
    const frame = await ui.waitForFrame('SELECT pg_sleep(900) /* nightly report */');
    expect(frame).toContain('QUERY TEXT');
    expect(frame).toContain('UPDATE accounts SET balance = 1 WHERE id = 1');
  });

  it('draws a confirmation over the whole body, its "On: pid" line visible, in the grid', async () => {
    ui = await renderUi({columns: 160, rows: 48, store: incidentStore()});
    await ui.waitForFrame('Connections · 1–7');
    await ui.press('m', 'm', 'm', 'K');
    const frame = await ui.waitForFrame('Type terminate');
    expect(frame).toContain('On: pid 4201');
    expect(frame).not.toContain('─ Locks ');
    expect(frame.split('\n')).toHaveLength(48);
    await ui.press(keys.escape);
    // The other panes come back, the connections pane mounted all along (its marks are kept).
    const back = await ui.waitForFrame('─ Locks ');
    expect(back).toMatch(/\* +4201 /);
  });

  it('shows READ-ONLY in the header and says so in the footer when a writing key is pressed', async () => {
    ui = await renderUi({columns: 160, rows: 48, store: incidentStore({readOnly: true})});
    await ui.waitForFrame('READ-ONLY');
    await ui.press('K');
    await ui.waitForFrame('read-only: K (terminate the selected or marked sessions) is off');
    expect(ui.store.getState().ui.overlay).toBeUndefined();
    await ui.press(keys.tab, 'T');
    await ui.waitForFrame('read-only: T (terminate the root blocker of the selected chain) is off');
  });
});
