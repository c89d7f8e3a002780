import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import type {IncidentActions} from '../../source/incidents/incident-actions';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {App} from '../../source/ui/App';
import {ApplicationSettingsProvider} from '../../source/ui/application-settings-context';
import {type OverlayKeyQueue, useOverlayKeyQueue} from '../../source/ui/overlay-key-queue';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';
import {connectionsSnapshot, locksSnapshot, recordFreshOutcome} from './panes/recorded-snapshots';

/** Hands the screen's overlay key queue to the test. */
function QueueHolder(props: {onQueue: (queue: OverlayKeyQueue) => void}) {
  props.onQueue(useOverlayKeyQueue());
  return null;
}

// Every test here writes several keys in ONE write, as a fast typist, a held key, tmux or an
// SSH link delivers them: each key of the chunk must count.
let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

function recordingIncident(calls: string[]): IncidentActions {
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
      return `${name} done`;
    };
  return {
    open: record('open'),
    note: record('note'),
    setSeverity: record('setSeverity'),
    setStatus: record('setStatus'),
    assignRole: record('assignRole'),
    setImpact: record('setImpact'),
    markMilestone: record('markMilestone'),
    close: record('close'),
  };
}

async function withIncident(columns = 120, rows = 40) {
  const store = createCockpitStore({databaseLabel: 'test'});
  store
    .getState()
    .setIncident({id: 'i', title: 'Checkout down', severity: 'P1', status: 'investigating'});
  const calls: string[] = [];
  ui = await renderUi({columns, rows, store, actions: {incident: recordingIncident(calls)}});
  return {ui, calls};
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 3000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
};

describe('keys arriving in one input chunk', () => {
  it('S then two → then Enter lands on the third status', async () => {
    const {ui, calls} = await withIncident();
    await ui.press(`S${keys.right}${keys.right}${keys.enter}`);
    await until(() => calls.length > 0);
    expect(calls).toEqual(['setStatus("monitoring")']);
  });

  it('two → in one write move a dialog that is already open twice', async () => {
    const {ui, calls} = await withIncident();
    await ui.press('!');
    await ui.waitForFrame('Severity › severity');
    await ui.press(`${keys.right}${keys.right}`);
    await ui.press(keys.enter);
    await until(() => calls.length > 0);
    // P1 → P2 → P3.
    expect(calls).toEqual(['setSeverity("P3")']);
  });

  it('a milestone, its time and Enter typed at once', async () => {
    const {ui, calls} = await withIncident();
    await ui.press(`M${keys.down}${keys.down}\r14:05\u007f6\r`);
    await until(() => calls.length > 0);
    expect(calls).toEqual(['markMilestone("acknowledged", "14:06")']);
  });

  it('the typed confirmation takes a word with corrections in one chunk', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    recordFreshOutcome(store, 'connections', connectionsSnapshot);
    ui = await renderUi({columns: 160, rows: 48, store});
    await ui.waitForFrame('Connections · 1–7');
    // ↓ to the report, K, then "terminatx", backspace, "e" and Enter: all one write.
    await ui.press(`${keys.down}Kterminatx\u007fe\r`);
    await until(() => ui!.actions.requests.length > 0);
    expect(ui.actions.requests).toEqual([
      expect.objectContaining({
        outcome: 'run',
        request: expect.objectContaining({summary: 'terminate session 4101'}),
      }),
    ]);
  });

  it('↓ and r in one write requeue the row the ↓ reached', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const dlq = JSON.parse(
      readFileSync(new URL('./panes/fixtures/dlq-snapshot.json', import.meta.url), 'utf8'),
    );
    recordFreshOutcome(store, 'dlq', dlq);
    ui = await renderUi({
      columns: 80,
      rows: 24,
      store,
      actions: {runApplicationAction: (async () => ({ok: true, text: 'would requeue 3'})) as never},
    });
    await ui.press('3');
    await ui.waitForFrame('Error class');
    await ui.press(`${keys.down}r`);
    const confirmation = await ui.waitForFrame('Type requeue');
    expect(confirmation).toContain('signature verification failed');
  });

  it('the / filter, backspaces and Enter in one write', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    recordFreshOutcome(store, 'connections', connectionsSnapshot);
    ui = await renderUi({columns: 160, rows: 48, store});
    await ui.waitForFrame('Connections · 1–7');
    await ui.press(`/repx\u007fort\r`);
    const frame = await ui.waitForFrame('filter: report');
    expect(frame).toContain('Connections · 1–1 of 1');
  });

  it('a : command typed with its Enter in one write runs', async () => {
    ui = await renderUi({columns: 120, rows: 40});
    await ui.press(':timeline\r');
    await until(() => ui!.store.getState().ui.focusedPaneId === 'timeline');
    expect(ui.store.getState().ui.overlay).toBeUndefined();
  });
  it('a : command typed over a pane with rows goes to the command line, not to the pane', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    recordFreshOutcome(store, 'connections', connectionsSnapshot);
    ui = await renderUi({columns: 160, rows: 48, store});
    await ui.waitForFrame('Connections · 1–7');
    // The `s` of "sort" and the Enter would sort the sessions and open one's detail in the pane.
    await ui.press(':timeline sorts\r');
    await until(() => ui!.store.getState().ui.message !== undefined);
    expect(ui.store.getState().ui.overlay).toBeUndefined();
    expect(ui.lastFrame()).not.toContain('Session 4');
    expect(ui.lastFrame()).toContain('XACT▼');
    await ui.press(':timeline\r');
    await until(() => ui!.store.getState().ui.focusedPaneId === 'timeline');
    expect(ui.lastFrame()).not.toContain('Session 4');
  });

  describe('a focus key in the middle of a chunk', () => {
    async function databasePanes() {
      const store = createCockpitStore({databaseLabel: 'test'});
      recordFreshOutcome(store, 'connections', connectionsSnapshot);
      recordFreshOutcome(store, 'locks', locksSnapshot);
      ui = await renderUi({columns: 160, rows: 48, store});
      await ui.waitForFrame('Connections · 1–7');
      return ui;
    }

    it('2 then Enter opens the detail of the Locks pane it moved to', async () => {
      const ui = await databasePanes();
      expect(ui.store.getState().ui.focusedPaneId).toBe('connections');
      await ui.press('2\r');
      await until(() => ui.store.getState().ui.overlay !== undefined);
      expect(ui.store.getState().ui.focusedPaneId).toBe('locks');
      expect(ui.store.getState().ui.overlay).toBe('locks.detail');
    });

    it('at 80x24, where Locks is drawn only once focused, 2 then Enter still open its detail', async () => {
      const store = createCockpitStore({databaseLabel: 'test'});
      recordFreshOutcome(store, 'connections', connectionsSnapshot);
      recordFreshOutcome(store, 'locks', locksSnapshot);
      ui = await renderUi({columns: 80, rows: 24, store});
      await ui.waitForFrame('Connections · 1–');
      await ui.press('2\r');
      await until(() => ui!.store.getState().ui.overlay !== undefined);
      expect(ui.store.getState().ui.focusedPaneId).toBe('locks');
      expect(ui.store.getState().ui.overlay).toBe('locks.detail');
    });

    it('2, ↓ and Enter select and open the second Locks row', async () => {
      const ui = await databasePanes();
      await ui.press(`2${keys.down}\r`);
      await until(() => ui.store.getState().ui.overlay !== undefined);
      expect(ui.store.getState().ui.overlay).toBe('locks.detail');
      expect(ui.lastFrame()).toContain('Session 4102');
    });

    it('keys go to each pane in turn: ↓ in Locks, then Enter back in Connections', async () => {
      const ui = await databasePanes();
      await ui.press(`2${keys.down}1\r`);
      await until(() => ui.store.getState().ui.overlay !== undefined);
      expect(ui.store.getState().ui.focusedPaneId).toBe('connections');
      expect(ui.store.getState().ui.overlay).toBe('connections.detail');
      // The first Connections row: the ↓ moved the Locks selection, not this one (4101 is second).
      expect(ui.lastFrame()).toContain('Session 4201');
    });
  });

  describe('a confirmation that opens after an asynchronous preview', () => {
    const fixture = (name: string) =>
      JSON.parse(readFileSync(new URL(`./panes/fixtures/${name}`, import.meta.url), 'utf8'));

    /** Application actions whose previews answer only when the test says so. */
    function heldPreviews(previewOutcome = {ok: true, text: 'would requeue 3'}) {
      const calls: string[] = [];
      let answerPreview: () => void = () => undefined;
      const runApplicationAction = async (request: {title: string}, stage: string) => {
        calls.push(`${stage}: ${request.title}`);
        if (stage === 'preview')
          await new Promise<void>((resolve) => {
            answerPreview = resolve;
          });
        return stage === 'preview' ? previewOutcome : {ok: true, text: 'done'};
      };
      return {calls, runApplicationAction, answerPreview: () => answerPreview()};
    }

    const messageSays = async (ui: RenderedUi, text: string) => {
      await until(() => (ui.store.getState().ui.message ?? '').includes(text));
      expect(ui.store.getState().ui.message).toContain(text);
    };

    // Only the request's title reaches these actions; the endpoint is never called.
    const settings = resolveApplicationSettings({
      panes: {campaigns: {stopEndpoint: {url: 'http://127.0.0.1:9/api/campaigns/:id/stop'}}},
    });

    async function paneWith(
      probeId: 'dlq' | 'campaigns',
      data: unknown,
      actions: ReturnType<typeof heldPreviews>,
    ) {
      const store = createCockpitStore({databaseLabel: 'test'});
      recordFreshOutcome(store, probeId, data);
      ui = await renderUi({
        columns: 120,
        rows: 36,
        store,
        actions: actions as never,
        element: (
          <ApplicationSettingsProvider settings={settings}>
            <App />
          </ApplicationSettingsProvider>
        ),
      });
      return ui;
    }

    it('r, the word and Enter in one write requeue once the preview has succeeded', async () => {
      const previews = heldPreviews();
      const ui = await paneWith('dlq', fixture('dlq-snapshot.json'), previews);
      await ui.press('3');
      await ui.waitForFrame('Error class');
      await ui.press(`${keys.down}rrequeue\r`);
      await messageSays(ui, 'runs once the preview succeeds');
      // The word and Enter reached the confirmation, which waits for its preview.
      expect(previews.calls).toHaveLength(1);
      previews.answerPreview();
      await until(() => previews.calls.length > 1);
      expect(previews.calls).toEqual([
        expect.stringMatching(/^preview: Requeue .*signature verification failed/),
        expect.stringMatching(/^execute: Requeue .*signature verification failed/),
      ]);
      await ui.waitForFrame((frame) => !frame.includes('Type requeue'));
    });

    it('a word confirmed before a preview that fails runs nothing', async () => {
      const previews = heldPreviews({ok: false, text: 'relation is locked'});
      const ui = await paneWith('dlq', fixture('dlq-snapshot.json'), previews);
      await ui.press('3');
      await ui.waitForFrame('Error class');
      await ui.press('rrequeue\r');
      await messageSays(ui, 'runs once the preview succeeds');
      previews.answerPreview();
      await messageSays(ui, 'preview failed, nothing changed: relation is locked');
      expect(previews.calls.map((call) => call.split(':')[0])).toEqual(['preview']);
    });

    it('Esc while the preview runs cancels, and the late preview does not reopen the dialog', async () => {
      const previews = heldPreviews();
      const ui = await paneWith('dlq', fixture('dlq-snapshot.json'), previews);
      await ui.press('3');
      await ui.waitForFrame('Error class');
      // A lone Esc is its own write (one at the end of a chunk waits to see whether a sequence follows).
      await ui.press('r', keys.escape);
      await messageSays(ui, 'cancelled, nothing changed');
      previews.answerPreview();
      await ui.settle();
      expect(ui.store.getState().ui.overlay).toBeUndefined();
      expect(previews.calls.map((call) => call.split(':')[0])).toEqual(['preview', 'cancel']);
    });

    it('s, the word and Enter in one write stop the selected campaign', async () => {
      const previews = heldPreviews({ok: true, text: 'would POST /api/campaigns/1/stop'});
      const ui = await paneWith('campaigns', fixture('campaigns-snapshot.json'), previews);
      await ui.press('5');
      await ui.waitForFrame('Black Friday');
      await ui.press('sstop\r');
      await messageSays(ui, 'runs once the preview succeeds');
      previews.answerPreview();
      await until(() => previews.calls.length > 1);
      expect(previews.calls.map((call) => call.split(':')[0])).toEqual(['preview', 'execute']);
    });

    it('keys held for an overlay are dropped when it closes, never typed into the next one', async () => {
      const store = createCockpitStore({databaseLabel: 'test'});
      let queue: OverlayKeyQueue | undefined;
      ui = await renderUi({store, element: <QueueHolder onQueue={(shared) => (queue = shared)} />});
      store.getState().updateUi({overlay: 'confirm:dlq'});
      queue!.hold(['r', 'e']);
      store.getState().updateUi({overlay: undefined});
      store.getState().updateUi({overlay: 'confirm:dlq'});
      expect(queue!.take()).toEqual([]);
      queue!.hold(['s']);
      expect(queue!.take()).toEqual(['s']);
      expect(queue!.take()).toEqual([]);
    });
  });
});
