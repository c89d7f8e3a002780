import {afterEach, describe, expect, it} from 'vitest';
import {createWritePipeline} from '../../../source/actions/write-pipeline';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {applicationProbes} from '../../../source/probes/application/application-probes';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineEventInput} from '../../../source/timeline/timeline-sink';
import {CockpitActionsProvider} from '../../../source/ui/cockpit-actions';
import {DeadLetterPane} from '../../../source/ui/panes/DeadLetterPane';
import {FailedEmailsPane} from '../../../source/ui/panes/FailedEmailsPane';
import {inertActions, keys, type RenderedUi, renderUi} from '../../helpers/render-ui';
import {probeDatabase} from '../../probes/application/probe-context';

const {database, lifeline, context} = await probeDatabase();
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload)
  SELECT 'twilio-webhook', E'HTTP 429 \\u001b[31mToo Many\\u001b[0m', jsonb_build_object('n', n)
  FROM generate_series(1, 3) AS n;
  INSERT INTO email_log (recipient, status, error_message, retry_count)
  SELECT 'u' || n || '@mail.example.org', 'failed', '550 mailbox unavailable', 2 FROM generate_series(1, 4) AS n;
`);
const settings = resolveApplicationSettings();

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

async function renderPane(pane: 'dlq' | 'emails', options: {readOnly?: boolean} = {}) {
  const store = createCockpitStore({
    databaseLabel: 'test',
    readOnly: options.readOnly ?? false,
    focusedPaneId: pane,
  });
  for (const probe of applicationProbes(settings).slice(0, 2)) {
    const data = await probe.run(context);
    store.getState().recordProbeOutcome(probe.id, {
      ok: true,
      data,
      startedAt: Date.now(),
      fetchedAt: Date.now(),
      durationMs: 1,
    });
  }
  const journal: TimelineEventInput[] = [];
  const runApplicationAction = createWritePipeline({
    lifeline: () => lifeline,
    timeline: {record: async (event) => void journal.push(event)},
    readOnly: options.readOnly ?? false,
    secrets: [],
  }).runApplicationAction;
  const actions = inertActions({runApplicationAction});
  const Pane = pane === 'dlq' ? DeadLetterPane : FailedEmailsPane;
  ui = await renderUi({
    columns: 120,
    rows: 30,
    store,
    element: (
      <CockpitActionsProvider actions={actions}>
        <Pane width={120} height={20} focused />
      </CockpitActionsProvider>
    ),
  });
  return {ui, store, journal};
}

describe('application panes', () => {
  it('shows the dead-letter queue sanitised, and requeues an error class after preview and typed confirmation', async () => {
    const {ui, store, journal} = await renderPane('dlq');
    const frame = await ui.waitForFrame('depth 3');
    expect(frame).toContain('twilio-webhook');
    expect(frame).toContain('HTTP 429 ␛[#mToo Many');
    expect(frame).not.toContain('\u001b[31m');
    await ui.press('r');
    const confirmation = await ui.waitForFrame('would change 3 row(s)');
    expect(confirmation).toContain('UPDATE "dead_letter_messages" SET "retried_at" = now()');
    expect(store.getState().ui.overlay).toBe('confirm:dlq');
    await ui.press(...'requeue'.split(''), keys.enter);
    await ui.waitForFrame(() => journal.some((event) => event.kind === 'action.requeue'));
    expect(journal.at(-1)?.text).toContain('3 row(s) changed');
    expect(store.getState().ui.overlay).toBeUndefined();
    const remaining = await database.query<{n: number}>(
      'SELECT count(*)::int AS n FROM dead_letter_messages WHERE retried_at IS NULL',
    );
    expect(remaining).toEqual([{n: 0}]);
  });

  it('moves the selection with ↓ and journals a cancelled retry when Esc is pressed', async () => {
    const {ui, store, journal} = await renderPane('emails');
    await ui.waitForFrame('every failed email');
    await ui.press(keys.down, keys.down, 'r');
    const confirmation = await ui.waitForFrame('would change 4 row(s)');
    expect(confirmation).toContain('Retry failed emails to mail.example.org of the last hour');
    expect(confirmation).toContain('md5(lower(split_part(("recipient")::text,');
    await ui.press(keys.escape);
    await ui.waitForFrame(() => journal.some((event) => event.kind === 'action.cancelled'));
    expect(store.getState().ui.message).toBe('cancelled, nothing changed');
    const rows = await database.query<{status: string}>('SELECT DISTINCT status FROM email_log');
    expect(rows).toEqual([{status: 'failed'}]);
  });

  it('binds no action key under --read-only', async () => {
    const {ui, store} = await renderPane('emails', {readOnly: true});
    await ui.waitForFrame('every failed email');
    await ui.press('r');
    await ui.settle();
    expect(store.getState().ui.overlay).toBeUndefined();
    expect(ui.lastFrame()).not.toContain('Type retry');
  });
});
