import {afterEach, describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {NavigatorRunbook} from '../../../source/ui/runbook/navigator-types';
import {
  flattenSteps,
  moveCursor,
  nextOpenStep,
  progressOf,
} from '../../../source/ui/runbook/runbook-navigation';
import {pickRunbooks} from '../../../source/ui/runbook/runbook-picker';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';

const step = (
  text: string,
  code: NavigatorRunbook['incidents'][0]['phases'][0]['steps'][0]['code'] = [],
  steps = [],
) => ({text, code, steps});
const exhaustion: NavigatorRunbook = {
  file: 'runbooks/connection-exhaustion.md',
  id: 'connection-exhaustion',
  title: 'Database connection exhaustion',
  severity: 'P0',
  triggers: ['connection-saturation'],
  incidents: [
    {
      title: 'Connection exhaustion',
      phases: [
        {
          title: 'Detect',
          steps: [
            step('Check connection count', [
              {lang: 'sql', text: 'SELECT count(*) FROM pg_stat_activity'},
            ]),
          ],
        },
        {title: 'Mitigate', steps: [step('Terminate idle sessions'), step('Restart the API pods')]},
      ],
    },
  ],
};
const emails: NavigatorRunbook = {
  file: 'runbooks/email.md',
  id: 'email-delivery',
  title: 'Email delivery failures',
  severity: 'P1',
  triggers: ['email-failure-rate'],
  incidents: [],
};

describe('runbook navigation logic', () => {
  it('flattens phases and sub-steps in reading order with stable keys', () => {
    const nested: NavigatorRunbook = {
      ...exhaustion,
      incidents: [
        {title: 'x', phases: [{title: 'p', steps: [step('a', [], [step('a1')] as never)]}]},
      ],
    };
    expect(flattenSteps(nested).map((flat) => [flat.key, flat.depth])).toEqual([
      ['1.1.1', 0],
      ['1.1.1.1', 1],
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

  it('puts runbooks suggested by active alerts first', () => {
    const picked = pickRunbooks([exhaustion, emails], '', ['email-failure-rate']);
    expect(picked.map((entry) => [entry.runbook.id, entry.suggested])).toEqual([
      ['email-delivery', true],
      ['connection-exhaustion', false],
    ]);
    expect(pickRunbooks([exhaustion, emails], 'conex', [])[0]?.runbook.id).toBe(
      'connection-exhaustion',
    );
  });
});

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('the runbook navigator', () => {
  it('opens a runbook from the picker and records done, skipped (with reason) and failed steps', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([exhaustion, emails]);
    ui = await renderUi({columns: 80, rows: 24, store});
    await ui.press('o');
    await ui.waitForFrame('Open runbook:');
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
  });
});
