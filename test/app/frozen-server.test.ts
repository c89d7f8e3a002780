import {readdirSync, readFileSync} from 'node:fs';
import pg from 'pg';
import {afterAll, describe, expect, it} from 'vitest';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import type {ProbeDefinition} from '../../source/probes/probe-types';
import type {LifelineStatus} from '../../source/sources/postgres-lifeline';
import {waitFor} from '../helpers/database';
import {startController} from './controller-under-test';

// Regression: a frozen server (SIGSTOP of the postmaster and its backends) showed "● connected"
// for 21 s, the outage was journaled at detection time (a sub-second outage in the report for a
// 21 s freeze) and twice, and after it the reconnect backoff could only be waited out.
const server = await startEmbeddedServer({maxConnections: 20});
afterAll(() => server.stop());

/** The postmaster and every process it started. */
function serverProcesses(postmaster: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

const probe = new pg.Client({connectionString: server.connectionString});
await probe.connect();
const backend = (await probe.query<{pid: number}>('select pg_backend_pid() as pid')).rows[0]!.pid;
const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
await probe.end();

const signalServer = (signal: NodeJS.Signals) => {
  for (const pid of serverProcesses(postmaster)) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
};
afterAll(() => signalServer('SIGCONT'));

// Refresh every 0.5 s: a probe unanswered for 1 s marks the lifeline stalled; past the 1 s
// statement timeout as well the connection is dropped. The backoff is a minute, so only the
// reconnect key can bring it back within the test.
const {store, controller, timelineKinds} = startController(server.connectionString, {
  refreshSeconds: 0.5,
  statementTimeoutMs: 1000,
  probes: [connectionsProbe as ProbeDefinition],
  lifeline: {backoff: {initialMs: 60_000, maxMs: 60_000}, connectTimeoutMs: 1000},
});
const statuses: Array<{kind: LifelineStatus['kind']; at: number}> = [];
store.subscribe((state, previous) => {
  if (state.database.status !== previous.database.status)
    statuses.push({kind: state.database.status.kind, at: Date.now()});
});

describe('a frozen server', () => {
  it('is shown as not answering within two refresh intervals, journaled once from when it began, and reconnected on demand', async () => {
    await waitFor(() => store.getState().probes.connections?.fetchedAt, {what: 'a first probe'});
    const frozenAt = Date.now();
    signalServer('SIGSTOP');
    await waitFor(() => statuses.some((status) => status.kind === 'stalled'), {
      what: 'the stalled status',
    });
    await waitFor(() => statuses.some((status) => status.kind === 'reconnecting'), {
      what: 'the connection to be given up',
    });
    const stalled = statuses.find((status) => status.kind === 'stalled')!;
    const given = statuses.find((status) => status.kind === 'reconnecting')!;
    expect(stalled.at).toBeLessThanOrEqual(given.at);
    const outages = store.getState().timeline.filter((entry) => entry.kind === 'database.outage');
    expect(outages).toHaveLength(1);
    // Dated from the unanswered probe, before the freeze was noticed, not at detection.
    const began = Date.parse(String(outages[0]!.data?.occurredAt));
    expect(began).toBeGreaterThanOrEqual(frozenAt - 1000);
    expect(began).toBeLessThanOrEqual(given.at - 1000);
    expect(outages[0]!.text).toMatch(/stopped answering/);

    signalServer('SIGCONT');
    const status = store.getState().database.status;
    expect(status.kind).toBe('reconnecting');
    if (status.kind === 'reconnecting')
      expect(status.nextAttemptAt - Date.now()).toBeGreaterThan(20_000);
    expect(controller.reconnectNow()).toBe('reconnecting now');
    await waitFor(() => store.getState().database.status.kind === 'connected', {
      what: 'the reconnect asked for',
    });
    await waitFor(() => timelineKinds().includes('database.recovered'), {what: 'the recovery'});
    expect(timelineKinds().filter((kind) => kind === 'database.outage')).toHaveLength(1);
    expect(timelineKinds().filter((kind) => kind === 'database.recovered')).toHaveLength(1);
  });
});
