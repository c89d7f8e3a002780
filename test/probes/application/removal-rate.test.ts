import {describe, expect, it} from 'vitest';
import {RemovalRate} from '../../../source/probes/dlq/removal-rate';

describe('removals derived from exact depths', () => {
  it('is arrivals minus growth over the readings of the last five minutes', () => {
    const rate = new RemovalRate();
    expect(rate.update(0, 100, 10)).toBeNull();
    // Two minutes later: 10 a minute arrived, the queue grew by 4 a minute, so 6 a minute left.
    expect(rate.update(120_000, 108, 10)).toBe(6);
    // A requeue empties the queue: the drop counts as removals spread over the window.
    expect(rate.update(180_000, 0, 10)).toBe(43.3);
  });

  it('forgets the history on an estimated depth', () => {
    const rate = new RemovalRate();
    rate.update(0, 100, 10);
    expect(rate.update(60_000, undefined, 10)).toBeNull();
    expect(rate.update(120_000, 90, 10)).toBeNull();
  });
});
