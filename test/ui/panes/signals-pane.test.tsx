import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {loadRunbookLibrary} from '../../../source/runbooks/runbook-library';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {App} from '../../../source/ui/App';
import {ApplicationSettingsProvider} from '../../../source/ui/application-settings-context';
import {urlLabel} from '../../../source/ui/panes/signal-detail';
import {keys, renderUi} from '../../helpers/render-ui';

const token = 'health-token-0123456789';
const settings = resolveApplicationSettings(
  {
    signals: [
      {
        name: 'failed-logins',
        title: 'Failed logins',
        sql: "SELECT count(*) FROM login_attempts WHERE NOT success AND created_at > now() - interval '15 minutes'",
        unit: 'logins',
        warn: 10,
        clear: 6,
        critical: 50,
        runbook: 'authentication-failures',
      },
      {
        name: 'api-error-rate',
        title: 'API error rate',
        http: {
          url: 'https://monitor:hunter2@app.example.com/api/health?key=query-secret-42',
          headers: {Authorization: {env: 'HEALTH_TOKEN', prefix: 'Bearer '}},
        },
        path: '$.errors.rate',
        unit: '%',
        warn: 5,
        critical: 20,
        runbook: 'platform-outage',
      },
      {name: 'ocr-backlog', title: 'OCR backlog', sql: 'SELECT 1', warn: 3, rate: true},
    ],
  },
  {HEALTH_TOKEN: token},
);

async function cockpit(size: {columns: number; rows: number} = {columns: 160, rows: 50}) {
  const store = createCockpitStore({databaseLabel: 'test@localhost:5432/test'});
  const now = Date.now();
  const state = store.getState();
  const snapshot = (name: string, value: number) => ({
    ok: true as const,
    data: {name, title: name, unit: '', value, labels: []},
    startedAt: now,
    fetchedAt: now,
    durationMs: 1,
  });
  state.recordProbeOutcome('signal:failed-logins', snapshot('failed-logins', 12));
  state.recordProbeOutcome('signal:api-error-rate', {
    ok: false,
    error: 'HTTP 503 from the health endpoint',
    startedAt: now,
    fetchedAt: now,
    durationMs: 1,
  });
  state.recordProbeOutcome('signal:ocr-backlog', snapshot('ocr-backlog', 4));
  for (const [minutesAgo, value] of [
    [10, 2],
    [5, 8],
    [0, 12],
  ] as const)
    state.pushSamples(now - minutesAgo * 60_000, {'signal:failed-logins': value});
  state.setRunbookLibrary(await loadRunbookLibrary());
  state.updateUi({focusedPaneId: 'signals'});
  const ui = await renderUi({
    ...size,
    store,
    element: (
      <ApplicationSettingsProvider settings={settings}>
        <App />
      </ApplicationSettingsProvider>
    ),
  });
  await ui.waitForFrame('Failed logins');
  return ui;
}

describe('the Signals pane', () => {
  it('says in the footer what Enter and b do there, and no longer offers b for the picker', async () => {
    const ui = await cockpit();
    const footer = ui.lastFrame().split('\n').at(-1)!;
    expect(footer).toContain('Enter detail');
    expect(footer).toContain('b its runbook');
    expect(footer).not.toMatch(/b runbook/);
    ui.unmount();
  });

  it('shows the selected signal in full with Enter: query, thresholds with hysteresis, rate, trend, runbook', async () => {
    const ui = await cockpit();
    await ui.press(keys.enter);
    const frame = await ui.waitForFrame('Signal Failed logins');
    expect(frame).toContain('SELECT count(*) FROM login_attempts WHERE NOT success');
    expect(frame).toContain('Value:     12 logins  state: ok');
    expect(frame).toContain('Warning:   ≥ 10 logins');
    expect(frame).toContain('Critical:  ≥ 50 logins');
    expect(frame).toContain('Clears:    below 6 logins');
    expect(frame).toContain('Rate:      off');
    expect(frame).toContain('Last error: none');
    expect(frame).toMatch(/Trend: {5}last 15 min, one bar a minute: [ ▁▂▃▄▅▆▇]*█/);
    expect(frame).toContain('3 sample(s), min 2 logins, max 12 logins');
    expect(frame).toContain('Runbook:   authentication-failures (b opens it in the navigator)');
    await ui.press(keys.escape);
    await ui.waitForFrame((text) => !text.includes('Signal Failed logins'));
    // Enter and j in one chunk (a fast typist, tmux): the detail shown is the selected one's.
    await ui.press(`${keys.enter}j`);
    await ui.waitForFrame('Signal Failed logins');
    await ui.press(keys.escape);
    await ui.waitForFrame((text) => !text.includes('Signal Failed logins'));
    await ui.press('j', keys.enter);
    await ui.waitForFrame('Signal API error rate');
    ui.unmount();
  });

  it('moves the selection with ↓ and never shows a header value, URL credentials or query', async () => {
    const ui = await cockpit();
    await ui.press(keys.down, keys.enter);
    const frame = await ui.waitForFrame('Signal API error rate');
    expect(frame).toContain(
      'Source:    HTTP GET https://app.example.com/api/health (credentials and query not shown)',
    );
    expect(frame).toContain('JSON path: $.errors.rate');
    expect(frame).toContain('Headers:   Authorization (from the environment; values never shown)');
    expect(frame).toContain('Last error: HTTP 503 from the health endpoint');
    expect(frame).toContain('state: failing');
    for (const secret of [token, 'hunter2', 'query-secret-42', 'monitor:'])
      expect(frame).not.toContain(secret);
    ui.unmount();
  });

  it('opens the suggested runbook in the navigator with b, and says so when a signal suggests none', async () => {
    const ui = await cockpit();
    await ui.press('b');
    await ui.waitForFrame('Authentication');
    expect(ui.store.getState().runbook.openRunbookId).toBe('authentication-failures');
    expect(ui.store.getState().ui.focusedPaneId).toBe('runbook');
    expect(ui.actions.events.map((event) => event.kind)).toContain('runbook.opened');
    // The b was the pane's: the screen did not also open the runbook picker over it.
    expect(ui.store.getState().ui.overlay).toBeUndefined();

    ui.store.getState().updateUi({focusedPaneId: 'signals'});
    await ui.settle();
    await ui.press(keys.down, 'b');
    expect(ui.store.getState().runbook.openRunbookId).toBe('platform-outage');
    ui.store.getState().updateUi({focusedPaneId: 'signals'});
    await ui.settle();
    await ui.press(keys.down, keys.down, 'b');
    await ui.waitForFrame('OCR backlog suggests no runbook');
    expect(ui.store.getState().runbook.openRunbookId).toBe('platform-outage');
    ui.unmount();
  });
});

describe('the Signals pane in an 80x24 terminal', () => {
  it('draws the detail over the whole body, its lines cut to fit', async () => {
    const ui = await cockpit({columns: 80, rows: 24});
    await ui.press(keys.enter);
    const frame = await ui.waitForFrame('Signal Failed logins');
    expect(frame).toContain('Warning:   ≥ 10 logins');
    expect(frame.split('\n').every((line) => [...line].length <= 80)).toBe(true);
    expect(frame.split('\n')).toHaveLength(24);
    ui.unmount();
  });
});

describe('a URL as the detail shows it', () => {
  it('keeps scheme, host and path only', () => {
    expect(urlLabel('http://127.0.0.1:8080/health')).toBe('http://127.0.0.1:8080/health');
    expect(urlLabel('https://u:p@x.example/a?t=1#f')).toBe(
      'https://x.example/a (credentials and query not shown)',
    );
    expect(urlLabel('not a url')).toBe('(a URL that does not parse)');
  });
});
