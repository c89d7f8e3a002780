import {useEffect} from 'react';
import type {CockpitStore} from '../store/cockpit-store';
import {useCockpit} from './store-context';

/** Without a refresh for this long, the clock moves by itself. */
const idleTickMs = 1250;

/**
 * The current time for clocks and "fetched 12s ago" labels: the store's one clock, so every
 * label moves in the same frame as the data rather than on timers of their own.
 */
export function useNow(): number {
  return useCockpit((state) => state.clock);
}

/**
 * Keeps the store's clock moving while no refresh does (paused, slow intervals, a database
 * that does not answer). Mounted once, at the root.
 */
export function useClockTicker(store: CockpitStore): void {
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - store.getState().clock >= idleTickMs) store.getState().tickClock(now);
    }, 250);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [store]);
}
