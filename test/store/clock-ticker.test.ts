import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {idleTickMs, keepClockMoving} from '../../source/store/clock-ticker';
import {createCockpitStore} from '../../source/store/cockpit-store';

describe('keepClockMoving', () => {
  beforeEach(() => {
    vi.useFakeTimers({now: 1_000_000});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never ticks while refreshes move the clock, and ticks once a refresh is overdue', () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const ticks: number[] = [];
    // Every time a timer of the ticker fires, whether or not it moves the clock.
    let fired = 0;
    const setTimer = globalThis.setInterval;
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((run: () => void, ms: number) =>
      setTimer(() => {
        fired += 1;
        run();
      }, ms)) as typeof setInterval);
    const stop = keepClockMoving(store);
    const tickClock = store.getState().tickClock;
    store.setState({
      tickClock: (now) => {
        ticks.push(now);
        tickClock(now);
      },
    });
    try {
      // Ten refreshes a second apart, each moving the clock as a refresh's write does.
      for (let refresh = 0; refresh < 10; refresh += 1) {
        vi.advanceTimersByTime(1000);
        store.setState({clock: Date.now()});
      }
      expect(ticks).toEqual([]);
      expect(fired).toBe(0);
      // Then none: the clock moves by itself once a refresh is overdue, and on from there.
      const lastRefresh = Date.now();
      vi.advanceTimersByTime(idleTickMs * 3);
      expect(ticks).toEqual([1, 2, 3].map((count) => lastRefresh + idleTickMs * count));
      expect(store.getState().clock).toBe(lastRefresh + idleTickMs * 3);
    } finally {
      stop();
    }
    vi.advanceTimersByTime(idleTickMs * 3);
    expect(ticks).toHaveLength(3);
  });
});
