import {createServer} from 'node:net';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {createDeadLetterProbe} from '../../source/probes/dlq/dlq-probe';
import type {ProbeDefinition} from '../../source/probes/probe-types';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {waitFor} from '../helpers/database';
import {keys, renderUi} from '../helpers/render-ui';
import {demoSchema, probeDatabase} from '../probes/application/probe-context';
import {startController} from './controller-under-test';

const {database} = await probeDatabase(demoSchema);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const {port} = listener.address() as {port: number};
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

describe('reconnecting', () => {
  it('caps the backoff while an incident is open, cutting a longer wait short', async () => {
    const target = parseConnectionTarget(`postgres://x:y@127.0.0.1:${await closedPort()}/z`);
    const lifeline = new PostgresLifeline(target, {backoff: {initialMs: 30_000, maxMs: 30_000}});
    afterAll(() => lifeline.close());
    lifeline.start();
    await waitFor(() => lifeline.status.kind === 'reconnecting', {what: 'the first failure'});
    const before = lifeline.status;
    if (before.kind !== 'reconnecting') throw new Error('not reconnecting');
    expect(before.nextAttemptAt - Date.now()).toBeGreaterThan(10_000);
    lifeline.setBackoffCap(2000);
    const after = lifeline.status;
    if (after.kind !== 'reconnecting') throw new Error('not reconnecting');
    expect(after.nextAttemptAt - Date.now()).toBeLessThanOrEqual(2000);
    await waitFor(() => lifeline.status.kind === 'reconnecting' && lifeline.status.attempt >= 2, {
      what: 'a second attempt within the cap',
    });
    const next = lifeline.status;
    if (next.kind === 'reconnecting')
      expect(next.nextAttemptAt - Date.now()).toBeLessThanOrEqual(2000);
  });

  it('is capped at five refresh intervals once an incident is open in the cockpit', async () => {
    const url = `postgres://x:y@127.0.0.1:${await closedPort()}/z`;
    const {store, controller} = startController(url, {
      refreshSeconds: 0.5,
      lifeline: {backoff: {initialMs: 30_000, maxMs: 30_000}},
    });
    await waitFor(() => store.getState().database.status.kind === 'reconnecting', {
      what: 'the first failure',
    });
    const waitLeft = () => {
      const status = controller.database!.status;
      return status.kind === 'reconnecting' ? status.nextAttemptAt - Date.now() : 0;
    };
    expect(waitLeft()).toBeGreaterThan(10_000);
    store
      .getState()
      .setIncident({id: 'x', title: 'Outage', severity: 'P1', status: 'investigating'});
    expect(waitLeft()).toBeLessThanOrEqual(2500);
  });

  it('is asked for with Ctrl-R and with :reconnect', async () => {
    const ui = await renderUi({columns: 120, rows: 30});
    await ui.press('\u0012');
    await waitFor(() => ui.actions.calls.includes('reconnect'), {what: 'Ctrl-R'});
    expect(ui.lastFrame()).toContain('reconnecting now');
    await ui.press(':');
    await ui.press('reconnect', keys.enter);
    await waitFor(() => ui.actions.calls.filter((call) => call === 'reconnect').length === 2, {
      what: ':reconnect',
    });
    ui.unmount();
  });
});

// Regression: "probe recovered" was journaled while the table was still missing, since a probe
// that answers "table missing" counted as a success.
describe('a dead-letter table dropped and put back', () => {
  it('journals the failure, no recovery while it is missing, and one recovery once it is back', async () => {
    const settings = resolveApplicationSettings();
    const {store, timelineKinds} = startController(database.url, {
      probes: [createDeadLetterProbe(settings.dlq) as ProbeDefinition],
      refreshSeconds: 0.5,
    });
    const dlq = () => store.getState().probes.dlq;
    const available = () => (dlq()?.data as {available?: boolean} | undefined)?.available;
    await waitFor(() => available() === true, {what: 'the queue'});
    await database.query('ALTER TABLE dead_letter_messages RENAME TO dead_letter_messages_gone');
    await waitFor(() => available() === false, {what: 'the table to be reported missing'});
    // A few more rounds with the table missing.
    const seen = dlq()?.fetchedAt ?? 0;
    await waitFor(() => (dlq()?.fetchedAt ?? 0) > seen + 1000, {what: 'later rounds'});
    expect(timelineKinds()).not.toContain('probe.recovered');
    await database.query('ALTER TABLE dead_letter_messages_gone RENAME TO dead_letter_messages');
    await waitFor(() => timelineKinds().includes('probe.recovered') || available() === true, {
      what: 'the table to be back',
    });
    const recovered = timelineKinds().filter((kind) => kind === 'probe.recovered').length;
    const failed = timelineKinds().filter((kind) => kind === 'probe.outage').length;
    expect(recovered).toBe(failed);
  });
});
