import {describe, expect, it} from 'vitest';
import {sessionSignalRequest} from '../../source/actions/session-signals';
import {createWritePipeline} from '../../source/actions/write-pipeline';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import type {SessionInfo} from '../../source/probes/session-info';
import {storeTimelineSink} from '../../source/timeline/timeline-sink';
import {createTestDatabase, waitFor} from '../helpers/database';
import {startController} from './controller-under-test';

const database = await createTestDatabase();
const {store, controller} = startController(database.url);
await waitFor(() => store.getState().database.status.kind === 'connected', {what: 'the lifeline'});
const pipeline = createWritePipeline({
  lifeline: () => controller.database,
  timeline: storeTimelineSink(store),
  readOnly: () => store.getState().ui.readOnly,
  secrets: [],
});

async function sessionOf(application: string): Promise<SessionInfo> {
  const client = await database.connect(application);
  await client.query('BEGIN; SELECT 1');
  const context = {
    lifeline: controller.database!,
    serverVersion: () => controller.database?.serverVersion ?? 0,
    rowLimit: 50,
  };
  const snapshot = await connectionsProbe.run(context);
  return snapshot.idleInTransaction.find((session) => session.application === application)!;
}

const entries = () => store.getState().timeline.filter((entry) => entry.kind.startsWith('action.'));

describe('database actions from the panes', () => {
  it('terminates a session and records the outcome with its details on the timeline', async () => {
    const victim = await sessionOf('leaky-worker');
    const outcome = await pipeline.runDatabaseAction(sessionSignalRequest('terminate', [victim]));
    expect(outcome).toMatchObject({
      ok: true,
      text: `terminate session ${victim.pid}: signalled ${victim.pid}`,
    });
    expect(entries().at(-1)).toMatchObject({kind: 'action.terminate', text: outcome.text});
    await waitFor(
      async () =>
        (await database.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ${victim.pid}`))
          .length === 0,
      {what: 'the session to end'},
    );
  });

  it('never signals a pid the server has given to a newer session', async () => {
    const victim = await sessionOf('reused-pid');
    const stale = {...victim, backendStart: '2000-01-01T00:00:00+00:00'};
    const outcome = await pipeline.runDatabaseAction(sessionSignalRequest('cancel', [stale]));
    expect(outcome.text).toBe(
      `cancel the query of session ${victim.pid}: signalled none; already gone ${victim.pid}`,
    );
  });

  it('records a confirmation backed out of, and refuses everything under --read-only', async () => {
    const victim = await sessionOf('spared');
    const request = sessionSignalRequest('terminate', [victim]);
    await pipeline.cancelDatabaseAction(request);
    expect(entries().at(-1)).toMatchObject({
      kind: 'action.cancelled',
      text: `not confirmed: terminate session ${victim.pid}`,
    });
    store.getState().updateUi({readOnly: true});
    const outcome = await pipeline.runDatabaseAction(request);
    store.getState().updateUi({readOnly: false});
    expect(outcome).toMatchObject({ok: false});
    expect(outcome.text).toContain('read-only');
    expect(
      await database.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ${victim.pid}`),
    ).toHaveLength(1);
  });
});
