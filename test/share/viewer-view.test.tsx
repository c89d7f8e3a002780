import {afterEach, describe, expect, it} from 'vitest';
import {ShareClient} from '../../source/share/share-client';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {activeBindings, viewerUnboundCommands} from '../../source/ui/keys';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';
import {startTestHost, type TestHost, waitFor} from './share-harness';

let running: TestHost | undefined;
let client: ShareClient | undefined;
let ui: RenderedUi | undefined;
afterEach(async () => {
  ui?.unmount();
  client?.stop();
  await running?.stop();
});

describe('a join view', () => {
  it("has its own focus, zoom, scroll and help, and none of it reaches the host's screen", async () => {
    running = await startTestHost();
    const hostStore = running.store;
    hostStore.getState().appendTimeline(
      Array.from({length: 60}, (_, index) => ({
        id: `e${index}`,
        at: 1_700_000_000_000 + index * 1000,
        kind: 'note',
        actor: 'alice',
        text: `event number ${index}`,
      })),
    );
    const viewerStore = createCockpitStore({databaseLabel: 'viewer', readOnly: true});
    client = new ShareClient({
      url: running.url,
      token: running.token,
      name: 'carol',
      store: viewerStore,
    });
    const info = await client.start();
    viewerStore.getState().updateUi({readOnly: {viewer: true, notes: info.notes}});
    ui = await renderUi({store: viewerStore, columns: 120, rows: 40});
    await ui.waitForFrame('READ-ONLY VIEW of bastion-test');
    await ui.waitForFrame('event number 59');
    const hostUiBefore = JSON.stringify(hostStore.getState().ui);

    await ui.press(keys.tab, keys.tab, 'z', '?');
    await ui.waitForFrame((frame) => frame.includes('Show or hide this help'));
    await ui.press('?', '8', 'k', 'k', 'k', 'z');
    expect(viewerStore.getState().ui.focusedPaneId).not.toBe(hostStore.getState().ui.focusedPaneId);

    // The host keeps changing; the viewer keeps its own focus while following the data.
    hostStore.getState().appendTimeline([
      {
        id: 'late',
        at: 1_700_000_100_000,
        kind: 'note',
        actor: 'alice',
        text: 'after the viewer moved',
      },
    ]);
    await waitFor(
      () => viewerStore.getState().timeline.some((entry) => entry.id === 'late'),
      'the late entry on the viewer',
    );
    expect(JSON.stringify(hostStore.getState().ui)).toBe(hostUiBefore);
    // Nothing the viewer pressed was sent as a request the host had to refuse.
    expect(hostStore.getState().share.host?.refused ?? 0).toBe(0);
  });

  it('binds no dangerous key and no key that changes the incident or runbook', () => {
    const bindings = activeBindings({viewer: true, notes: false});
    expect(bindings.some((binding) => binding.dangerous)).toBe(false);
    expect(bindings.some((binding) => viewerUnboundCommands.has(binding.command))).toBe(false);
    const withNotes = activeBindings({viewer: true, notes: true});
    expect(
      withNotes
        .filter((binding) => viewerUnboundCommands.has(binding.command))
        .map((b) => b.command),
    ).toEqual(['incident.note']);
  });
});
