import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {type RenderedUi, renderUi} from '../helpers/render-ui';
import {connectionsSnapshot, recordFreshOutcome} from './panes/recorded-snapshots';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

const dlqSnapshot = JSON.parse(
  readFileSync(new URL('./panes/fixtures/dlq-snapshot.json', import.meta.url), 'utf8'),
);

describe('a pane that cannot draw its data', () => {
  it('says so in its own box while the other panes and the keys go on, and draws the next data', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    recordFreshOutcome(store, 'connections', connectionsSnapshot);
    // Data of a shape the pane does not know (a host of another version, a bug).
    recordFreshOutcome(store, 'dlq', {...dlqSnapshot, classes: 5, recent: 'none'});
    ui = await renderUi({columns: 160, rows: 48, store});
    const failed = await ui.waitForFrame('could not be drawn');
    expect(failed).toContain('Dead letters');
    expect(failed).toContain('this pane failed to draw');
    expect(failed).toContain('Connections · 1–7');
    // The screen still answers keys.
    await ui.press('2');
    await ui.waitForFrame(() => ui!.store.getState().ui.focusedPaneId === 'locks');
    recordFreshOutcome(store, 'dlq', dlqSnapshot);
    const recovered = await ui.waitForFrame((frame) => !frame.includes('could not be drawn'));
    expect(recovered).toContain('twilio-webhook');
  });
});
