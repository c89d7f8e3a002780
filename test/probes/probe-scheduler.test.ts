import {describe, expect, it} from 'vitest';
import {ProbeScheduler} from '../../source/probes/probe-scheduler';
import {
  type ProbeContext,
  type ProbeDefinition,
  type ProbeOutcome,
  unchangedReuseMs,
} from '../../source/probes/probe-types';
import {waitFor} from '../helpers/database';

const context = {} as ProbeContext;

function deferred() {
  let resolve!: (value: number) => void;
  const promise = new Promise<number>((done) => {
    resolve = done;
  });
  return {promise, resolve};
}

describe('ProbeScheduler', () => {
  it('never overlaps a probe with itself: a tick during a slow run is dropped, not queued', async () => {
    const gate = deferred();
    let started = 0;
    const slow: ProbeDefinition<number> = {
      id: 'slow',
      title: 'Slow',
      intervalMs: 100,
      run: () => {
        started++;
        return gate.promise;
      },
    };
    const outcomes: ProbeOutcome[] = [];
    const scheduler = new ProbeScheduler([slow], context, (_id, outcome) => outcomes.push(outcome));
    scheduler.start();
    expect(await scheduler.runNow('slow')).toBeUndefined();
    expect(await scheduler.runNow('slow')).toBeUndefined();
    expect(started).toBe(1);
    expect(scheduler.skippedTicks('slow')).toBe(2);
    gate.resolve(7);
    await waitFor(() => outcomes.length === 1);
    expect(outcomes[0]).toMatchObject({ok: true, data: 7});
    scheduler.stop();
  });

  it('records a failure in words and keeps running the other probes', async () => {
    const outcomes: Array<[string, ProbeOutcome]> = [];
    const failing: ProbeDefinition = {
      id: 'failing',
      title: 'Failing',
      intervalMs: 50,
      run: async () => Promise.reject(new Error('relation "x" does not exist')),
    };
    let healthyRuns = 0;
    const healthy: ProbeDefinition = {
      id: 'healthy',
      title: 'Healthy',
      intervalMs: 50,
      run: async () => ++healthyRuns,
    };
    const scheduler = new ProbeScheduler([failing, healthy], context, (id, outcome) =>
      outcomes.push([id, outcome]),
    );
    scheduler.start();
    await waitFor(() => healthyRuns >= 3);
    scheduler.stop();
    const failure = outcomes.find(([id]) => id === 'failing')?.[1];
    expect(failure).toMatchObject({ok: false, error: 'relation "x" does not exist'});
    expect(
      outcomes.filter(([id, outcome]) => id === 'healthy' && outcome.ok).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('stops refreshing while paused and resumes at once', async () => {
    let runs = 0;
    const probe: ProbeDefinition = {id: 'p', title: 'P', intervalMs: 20, run: async () => ++runs};
    // A twin on the same interval that is never paused: its runs, not a sleep, measure how many
    // ticks the paused probe let pass.
    let twinRuns = 0;
    const twin: ProbeDefinition = {
      id: 't',
      title: 'T',
      intervalMs: 20,
      run: async () => ++twinRuns,
    };
    const scheduler = new ProbeScheduler([probe], context, () => undefined);
    const reference = new ProbeScheduler([twin], context, () => undefined);
    scheduler.start();
    reference.start();
    await waitFor(() => runs >= 2);
    scheduler.setPaused(true);
    const pausedAt = runs;
    const twinAtPause = twinRuns;
    await waitFor(() => twinRuns >= twinAtPause + 3, {what: 'three ticks of the twin'});
    // At most the run already under way when the pause came.
    expect(runs).toBeLessThanOrEqual(pausedAt + 1);
    scheduler.setPaused(false);
    await waitFor(() => runs >= pausedAt + 3);
    scheduler.stop();
    reference.stop();
  });

  it('reports the probes that share an interval together, once all of them are in', async () => {
    const gate = deferred();
    const fast: ProbeDefinition = {
      id: 'fast',
      title: 'Fast',
      intervalMs: 60_000,
      run: async () => 1,
    };
    const slow: ProbeDefinition = {
      id: 'slow',
      title: 'Slow',
      intervalMs: 60_000,
      run: () => gate.promise,
    };
    const events: string[] = [];
    const scheduler = new ProbeScheduler([fast, slow], context, (id) => events.push(id), Date.now, {
      onRefreshDone: () => events.push('refresh done'),
    });
    scheduler.start();
    await waitFor(() => events.includes('fast'));
    expect(events).toEqual(['fast']);
    gate.resolve(2);
    await waitFor(() => events.includes('refresh done'));
    expect(events).toEqual(['fast', 'slow', 'refresh done']);
    scheduler.stop();
  });

  it('names each report: the fastest cadence leads, slower ones follow, a run asked for is asked', async () => {
    const probe = (id: string, intervalMs: number): ProbeDefinition => ({
      id,
      title: id,
      intervalMs,
      run: async () => id,
    });
    const kinds: string[] = [];
    const scheduler = new ProbeScheduler(
      [probe('database', 60_000), probe('application', 120_000)],
      context,
      () => undefined,
      Date.now,
      {onRefreshDone: (kind) => kinds.push(kind)},
    );
    scheduler.start();
    await waitFor(() => kinds.length === 2);
    expect(kinds.sort()).toEqual(['follower', 'lead']);
    expect(scheduler.leadIntervalMs()).toBe(60_000);
    await scheduler.runNow('application');
    expect(kinds.at(-1)).toBe('asked');
    scheduler.stop();
  });

  it('waits for `ready` before the first run, and keeps a fixed interval from scaling below itself', async () => {
    let runs = 0;
    let open!: () => void;
    const ready = new Promise<void>((resolve) => {
      open = resolve;
    });
    const probe: ProbeDefinition = {
      id: 'p',
      title: 'P',
      intervalMs: 5000,
      fixedInterval: true,
      run: async () => ++runs,
    };
    const scheduler = new ProbeScheduler([probe], context, () => undefined, Date.now, {
      ready: () => ready,
    });
    scheduler.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(0);
    open();
    await waitFor(() => runs === 1);
    scheduler.setIntervalScale(0.25);
    expect(scheduler.intervalOf(probe)).toBe(5000);
    scheduler.setIntervalScale(2);
    expect(scheduler.intervalOf(probe)).toBe(10_000);
    expect(scheduler.intervalOf({...probe, fixedInterval: false, intervalMs: 2000})).toBe(4000);
    scheduler.stop();
  });

  it('keeps the last data while the change token reads the same, for at most unchangedReuseMs', async () => {
    let clock = 1_000_000;
    let token = 'a';
    let runs = 0;
    const gated: ProbeDefinition<{age: number}> = {
      id: 'gated',
      title: 'Gated',
      intervalMs: 10,
      changeToken: async () => token,
      carryForward: (snapshot, elapsedSeconds) => ({age: snapshot.age + elapsedSeconds}),
      run: async () => {
        runs += 1;
        return {age: 0};
      },
    };
    const outcomes: ProbeOutcome[] = [];
    const scheduler = new ProbeScheduler(
      [gated],
      context,
      (_id, outcome) => outcomes.push(outcome),
      () => clock,
    );
    scheduler.start();
    await waitFor(() => outcomes.length >= 2);
    expect(runs).toBe(1);
    expect(outcomes[0]).not.toHaveProperty('readAt');
    clock += 5000;
    await waitFor(() => outcomes.length >= 4);
    expect(runs).toBe(1);
    const kept = outcomes.at(-1)!;
    expect(kept).toMatchObject({ok: true, readAt: 1_000_000, data: {age: 5}});

    token = 'b';
    await waitFor(() => runs === 2);
    const afterChange = outcomes.length;
    await waitFor(() => outcomes.length >= afterChange + 2);
    expect(runs).toBe(2);

    clock += unchangedReuseMs;
    await waitFor(() => runs === 3);
    // Asked for, it reads whatever the token says.
    await scheduler.runNow('gated');
    expect(runs).toBe(4);
    scheduler.stop();
  });

  it('reads in full when the change token cannot be read', async () => {
    let runs = 0;
    const probe: ProbeDefinition<number> = {
      id: 'blind',
      title: 'Blind',
      intervalMs: 10,
      changeToken: async () =>
        Promise.reject(new Error('permission denied for pg_stat_user_tables')),
      run: async () => ++runs,
    };
    const outcomes: ProbeOutcome[] = [];
    const scheduler = new ProbeScheduler([probe], context, (_id, outcome) =>
      outcomes.push(outcome),
    );
    scheduler.start();
    await waitFor(() => outcomes.length >= 3);
    expect(runs).toBe(outcomes.length);
    expect(outcomes.every((outcome) => outcome.ok && outcome.readAt === undefined)).toBe(true);
    scheduler.stop();
  });
});
