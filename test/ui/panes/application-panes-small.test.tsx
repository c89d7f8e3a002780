import {afterEach, describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {type RenderedUi, renderUi} from '../../helpers/render-ui';
import campaigns from './fixtures/campaigns-snapshot.json';
import deadLetters from './fixtures/dlq-snapshot.json';
import emails from './fixtures/email-snapshot.json';
import integrations from './fixtures/integrations-snapshot.json';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

const panes = [
  ['dlq', 'dlq', deadLetters, 'depth ~5,012,345'],
  ['emails', 'email', emails, 'retry backlog 10000+'],
  ['campaigns', 'campaigns', campaigns, 'STALLED'],
  ['integrations', 'integrations', integrations, 'rate-limited 429'],
] as const;

describe('application panes at 80x24', () => {
  it.each(panes)(
    'draws the %s pane within the terminal',
    async (paneId, probeId, data, expected) => {
      const store = createCockpitStore({databaseLabel: 'test', focusedPaneId: paneId});
      store.getState().recordProbeOutcome(probeId, {
        ok: true,
        data,
        startedAt: 0,
        fetchedAt: Date.now(),
        durationMs: 1,
      });
      ui = await renderUi({columns: 80, rows: 24, store});
      const frame = await ui.waitForFrame(expected);
      const lines = frame.split('\n');
      expect(lines).toHaveLength(24);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
      expect(frame).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    },
  );

  it('says plainly when a pane has no table to read', async () => {
    const store = createCockpitStore({databaseLabel: 'test', focusedPaneId: 'dlq'});
    const reason =
      'table dead_letter_messages does not exist — set panes.dlq.table in the config file';
    store.getState().recordProbeOutcome('dlq', {
      ok: true,
      data: {available: false, reason},
      startedAt: 0,
      fetchedAt: Date.now(),
      durationMs: 1,
    });
    ui = await renderUi({columns: 120, rows: 30, store});
    await ui.waitForFrame('set panes.dlq.table in the config file');
  });
});
