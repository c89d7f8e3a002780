import {describe, expect, it} from 'vitest';
import {startMetricsRecorder} from '../../source/incidents/metrics-recorder';
import type {EventInput} from '../../source/journal/journal-event';
import {createCockpitStore} from '../../source/store/cockpit-store';

describe('metrics recorder', () => {
  it('journals a sample that reached the store after a record though it was read before', async () => {
    let clock = 1_000_000;
    const store = createCockpitStore({databaseLabel: 'test'});
    const journaled: EventInput[] = [];
    const recorder = startMetricsRecorder(store, async (input) => journaled.push(input), {
      everyMs: 3_600_000,
      now: () => clock,
    });
    clock += 1000;
    store.getState().pushSamples(clock, {'locks.waiting': 3});
    // The emails probe reads at +1.5 s, its result waits for the next database refresh...
    const emailsReadAt = clock + 500;
    clock += 1000;
    await recorder.flush();
    // ...and reaches the store after the record at +2 s.
    store.getState().pushSamples(emailsReadAt, {'email.failedLast15Minutes': 12});
    store.getState().pushSamples(clock + 100, {'locks.waiting': 5});
    clock += 1000;
    await recorder.flush();
    await recorder.flush();
    recorder.stop();
    expect(journaled.map((event) => event.data)).toEqual([
      {series: {'locks.waiting': 3}, windowSeconds: 2},
      {series: {'email.failedLast15Minutes': 12, 'locks.waiting': 5}, windowSeconds: 1},
    ]);
  });
});
