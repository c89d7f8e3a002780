import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {createWritePipeline} from '../../../source/actions/write-pipeline';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineEventInput} from '../../../source/timeline/timeline-sink';
import {App} from '../../../source/ui/App';
import {ApplicationSettingsProvider} from '../../../source/ui/application-settings-context';
import {CockpitActionsProvider} from '../../../source/ui/cockpit-actions';
import {startEdgeFunctionServer} from '../../helpers/edge-function-server';
import {inertActions, keys, type RenderedUi, renderUi} from '../../helpers/render-ui';
import campaigns from './fixtures/campaigns-snapshot.json';
import deadLetters from './fixtures/dlq-snapshot.json';

const server = await startEdgeFunctionServer({});
afterAll(() => server.close());
const token = 'stop-token-never-on-screen';
const settings = resolveApplicationSettings({
  panes: {
    campaigns: {
      stopEndpoint: {
        url: `${server.url}/api/campaigns/:id/stop`,
        headers: {Authorization: `Bearer ${token}`},
      },
    },
  },
});

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

async function renderApp(focusedPaneId: string) {
  const store = createCockpitStore({databaseLabel: 'test', focusedPaneId});
  const at = Date.now();
  for (const [probeId, data] of [
    ['campaigns', campaigns],
    ['dlq', deadLetters],
  ] as const)
    store
      .getState()
      .recordProbeOutcome(probeId, {ok: true, data, startedAt: at, fetchedAt: at, durationMs: 1});
  const journal: TimelineEventInput[] = [];
  const actions = inertActions({
    runApplicationAction: createWritePipeline({
      lifeline: () => undefined,
      timeline: {record: async (event) => void journal.push(event)},
      readOnly: false,
      secrets: settings.secrets,
    }).runApplicationAction,
  });
  ui = await renderUi({
    columns: 200,
    rows: 60,
    store,
    element: (
      <CockpitActionsProvider actions={actions}>
        <ApplicationSettingsProvider settings={settings}>
          <App />
        </ApplicationSettingsProvider>
      </CockpitActionsProvider>
    ),
  });
  return {ui, store, journal};
}

describe('application panes inside the cockpit', () => {
  it('stops a campaign through its endpoint, showing method and URL but never the header value', async () => {
    const {ui, journal} = await renderApp('campaigns');
    await ui.waitForFrame('Black Friday rem');
    await ui.press('s');
    const confirmation = await ui.waitForFrame('will call POST');
    expect(confirmation).toContain(`POST ${server.url}/api/campaigns/1/stop`);
    expect(confirmation).toContain('headers: Authorization (values hidden)');
    expect(confirmation).not.toContain(token);
    await ui.press('s', 't', 'o', 'p', keys.enter);
    await ui.waitForFrame(() => journal.some((event) => event.kind === 'action.stop-campaign'));
    expect(server.requests.at(-1)).toMatchObject({
      path: '/api/campaigns/1/stop',
      authorization: `Bearer ${token}`,
    });
    expect(ui.lastFrame()).not.toContain(token);
    expect(JSON.stringify(journal)).not.toContain(token);
  });

  it('gives ↓ to the focused pane (selection) instead of moving focus, and v switches the DLQ view', async () => {
    const {ui, store} = await renderApp('dlq');
    await ui.waitForFrame('Error class (last hour)');
    await ui.press(keys.down);
    expect(store.getState().ui.focusedPaneId).toBe('dlq');
    await ui.press('v');
    await ui.waitForFrame('Payload');
    expect(ui.lastFrame()).toContain('[1024 KB]');
    await ui.press(keys.tab);
    expect(store.getState().ui.focusedPaneId).toBe('emails');
  });
});
