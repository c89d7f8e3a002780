import {describe, expect, it} from 'vitest';
import {describeProbeState} from '../../source/ui/use-probe-status';

describe('a pane title describes its probe', () => {
  const now = 1_000_000;

  it('gives the age of the data in whole seconds', () => {
    expect(describeProbeState({data: 1, fetchedAt: now - 2400}, now, 10_000)).toEqual({
      text: '2s ago',
      tone: 'text.muted',
    });
  });

  it('says how long nothing has changed when the last runs only checked the tables', () => {
    const state = {data: 1, fetchedAt: now - 1000, readAt: now - 25_000};
    expect(describeProbeState(state, now, 10_000).text).toBe('1s ago · no change in 25s');
  });

  it('marks data older than three intervals as stale, and a failure with the age of the data', () => {
    expect(describeProbeState({data: 1, fetchedAt: now - 40_000}, now, 10_000)).toMatchObject({
      text: 'stale 40s',
      tone: 'status.stale',
    });
    expect(
      describeProbeState(
        {data: 1, fetchedAt: now - 5000, error: 'timeout', errorAt: now},
        now,
        1000,
      ),
    ).toMatchObject({text: 'failed, data 5s old', tone: 'status.critical'});
  });
});
