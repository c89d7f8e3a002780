import {describe, expect, it} from 'vitest';
import type {ProbeDefinition} from '../../source/probes/probe-types';
import {createTestDatabase, waitFor} from '../helpers/database';
import {startController} from './controller-under-test';

const database = await createTestDatabase();

let fastRuns = 0;
let slowRuns = 0;
// The database panes' cadence and a slower one, as the application panes run beside them.
const fast: ProbeDefinition = {
  id: 'fast',
  title: 'Fast',
  intervalMs: 400,
  run: async () => ++fastRuns,
};
const slow: ProbeDefinition = {
  id: 'slow',
  title: 'Slow',
  intervalMs: 700,
  fixedInterval: true,
  // Lands between two fast refreshes.
  run: async () => {
    await new Promise((resolve) => setTimeout(resolve, 90));
    return ++slowRuns;
  },
};

describe('one frame a refresh', () => {
  it('writes a slower cadence’s outcomes with the next fast refresh, never on their own', async () => {
    const {store} = startController(database.url, {probes: [fast, slow], refreshSeconds: 2});
    const writes: Array<{fast: boolean; slow: boolean}> = [];
    // Probes of the test's own, outside the registry's ids.
    const probesOf = (state: unknown) =>
      (state as {probes: Record<string, {data?: unknown} | undefined>}).probes;
    store.subscribe((state, previous) => {
      const fastChanged = probesOf(state).fast !== probesOf(previous).fast;
      const slowChanged = probesOf(state).slow !== probesOf(previous).slow;
      if (fastChanged || slowChanged) writes.push({fast: fastChanged, slow: slowChanged});
    });
    await waitFor(() => writes.filter((write) => write.slow).length >= 3, {
      what: 'three slow outcomes',
      timeoutMs: 10_000,
    });
    expect(writes.filter((write) => write.slow && !write.fast)).toEqual([]);
    // Held, not dropped: every slow run reached the store.
    expect(probesOf(store.getState()).slow?.data).toBeGreaterThanOrEqual(slowRuns - 1);
  });
});
