import {afterEach, describe, expect, it} from 'vitest';
import {parseRunbook} from '../../../source/runbooks/parse-runbook';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {
  flattenSteps,
  moveCursor,
  nextOpenStep,
  progressOf,
} from '../../../source/ui/runbook/runbook-navigation';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';

const exhaustion = parseRunbook(
  `---
id: connection-exhaustion
title: Database connection exhaustion
severity: P0
triggers: [connection-saturation]
---

# Connection exhaustion

## Detect

- Check connection count
  \`\`\`sql
  SELECT count(*) FROM pg_stat_activity
  \`\`\`

## Mitigate

- Terminate idle sessions
- Restart the API pods
`,
  'runbooks/connection-exhaustion.md',
);
const emails = parseRunbook(
  '---\nid: email-delivery\ntitle: Email delivery failures\nseverity: P1\ntriggers: [email-failure-rate]\n---\n',
  'runbooks/email.md',
);
const nestedRunbook = parseRunbook('# x\n\n## Detect\n\n- a\n  - a1\n', 'nested.md');

describe('runbook navigation logic', () => {
  it('flattens phases and sub-steps in reading order with stable keys', () => {
    expect(flattenSteps(nestedRunbook).map((flat) => [flat.key, flat.depth, flat.path])).toEqual([
      ['1.1.1', 0, [0]],
      ['1.1.1.1', 1, [0, 0]],
    ]);
    expect(flattenSteps(exhaustion)).toHaveLength(3);
  });

  it('counts progress, finds the next open step and bounds cursor moves', () => {
    const steps = flattenSteps(exhaustion);
    expect(progressOf(steps, {'1.1.1': 'done', '1.2.1': 'skipped'})).toEqual({
      total: 3,
      done: 1,
      skipped: 1,
      failed: 0,
    });
    expect(nextOpenStep(steps, {'1.2.1': 'done'}, 0)).toBe(2);
    expect(moveCursor(0, 'up', 3, 5)).toBe(0);
    expect(moveCursor(0, 'pagedown', 3, 5)).toBe(2);
  });
});

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('the runbook navigator', () => {
  it('opens a runbook from the picker and records done, skipped (with reason) and failed steps', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([exhaustion, emails]);
    ui = await renderUi({columns: 80, rows: 24, store});
    await ui.press('b');
    const picking = await ui.waitForFrame('Open runbook:');
    // While it is open, letters are search text: the footer says so, not j for the next step.
    expect(picking.split('\n').at(-1)).toContain('type to search');
    expect(picking).not.toContain('j next');
    await ui.press('c', 'o', 'n', 'n', keys.enter);
    await ui.waitForFrame('0 done · 0 skipped');
    const frame = ui.lastFrame();
    expect(frame).toContain('Check connection count');
    expect(frame).toContain('SELECT count(*) FROM pg_stat_activity');
    await ui.press('d');
    await ui.waitForFrame('1 done');
    await ui.press('s');
    await ui.waitForFrame('Reason for skipping');
    await ui.press('n', 'o', 'n', 'e', ' ', 'i', 'd', 'l', 'e', keys.enter);
    await ui.waitForFrame('1 skipped');
    await ui.press('f');
    await ui.waitForFrame('1 failed');
    expect(ui.actions.calls.filter((call) => call.startsWith('event:'))).toEqual([
      'event:runbook.opened:opened runbook Database connection exhaustion',
      'event:runbook.step.done:Database connection exhaustion › Detect: done "Check connection count"',
      'event:runbook.step.skipped:Database connection exhaustion › Mitigate: skipped "Terminate idle sessions" (none idle)',
      'event:runbook.step.failed:Database connection exhaustion › Mitigate: failed "Restart the API pods"',
    ]);
  });

  it('shows the steps as the timeline recorded them when the runbook is opened again', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([exhaustion, emails]);
    ui = await renderUi({columns: 120, rows: 40, store, timelineInStore: true});
    await ui.press(':', ...'runbook conn exh', keys.enter);
    await ui.waitForFrame('0 done · 0 skipped');
    await ui.press('d');
    await ui.waitForFrame('1 done');
    await ui.press('c');
    await ui.waitForFrame('No runbook open');
    await ui.press(':', ...'runbook email', keys.enter);
    await ui.waitForFrame('Email delivery failures');
    await ui.press(':', ...'runbook conn exh', keys.enter);
    const reopened = await ui.waitForFrame('1 done · 0 skipped');
    expect(reopened).toContain('✓');
    // The cursor waits on the first step still open.
    expect(store.getState().runbook.cursor).toBe(1);
  });

  it('shows the steps of a resumed incident as its journal recorded them', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([exhaustion, emails]);
    // As a resumed journal puts them: a read that ran, a step skipped, another runbook's step.
    const entry = (id: string, kind: string, data: Record<string, unknown>) => ({
      id,
      at: Date.parse('2026-12-08T01:00:00Z') + Number(id.slice(4)) * 1000,
      kind,
      actor: 'oncall',
      text: kind,
      data,
    });
    store
      .getState()
      .setTimeline([
        entry('seq-1', 'runbook.step.run', {runbookId: 'connection-exhaustion', step: '1.1.1'}),
        entry('seq-2', 'runbook.step.skipped', {runbookId: 'connection-exhaustion', step: '1.2.1'}),
        entry('seq-3', 'runbook.step.refused', {runbookId: 'connection-exhaustion', step: '1.2.2'}),
        entry('seq-4', 'runbook.step.done', {runbookId: 'email-delivery', step: '1.2.2'}),
      ]);
    ui = await renderUi({columns: 120, rows: 40, store});
    await ui.press(':', ...'runbook conn exh', keys.enter);
    const frame = await ui.waitForFrame('1 done · 1 skipped');
    expect(frame).toContain('✓ Detect: Check connection count');
    expect(frame).toContain('↷ Mitigate: Terminate idle sessions');
  });

  it('marks suggested runbooks in the region when an alert is active', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([exhaustion, emails]);
    store
      .getState()
      .setAlerts([
        {ruleId: 'connection-saturation', level: 'critical', title: 't', detail: 'd', since: 0},
      ]);
    ui = await renderUi({columns: 200, rows: 60, store});
    await ui.waitForFrame('★ suggested: Database connection exhaustion');
    await ui.press('b');
    const picker = await ui.waitForFrame('Open runbook:');
    // The picker lists the suggested runbook first, although it sorts after "Database…" by title.
    expect(picker.indexOf('★ Database connection exhaustion')).toBeGreaterThan(0);
    await ui.press(`email${keys.enter}`);
    await ui.waitForFrame('Email delivery failures');
  });

  it('opens the best match of :runbook NAME and journals it', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([exhaustion, emails]);
    ui = await renderUi({columns: 120, rows: 40, store});
    await ui.press(':', ...'runbook conn exh', keys.enter);
    await ui.waitForFrame('Check connection count');
    expect(store.getState().ui.focusedPaneId).toBe('runbook');
    expect(ui.actions.calls).toContain(
      'event:runbook.opened:opened runbook Database connection exhaustion',
    );
    await ui.press(':', ...'runbook zzqqxx', keys.enter);
    await ui.waitForFrame('no runbook matches "zzqqxx"');
  });
});
