import {useEffect} from 'react';
import {keepClockMoving} from '../store/clock-ticker';
import type {CockpitStore} from '../store/cockpit-store';
import {useCockpit} from './store-context';

/**
 * The current time for clocks and "fetched 12s ago" labels: the store's one clock, so every
 * label moves in the same frame as the data rather than on timers of their own.
 */
export function useNow(): number {
  return useCockpit((state) => state.clock);
}

/** Keeps the store's clock moving while no refresh does. Mounted once, at the root. */
export function useClockTicker(store: CockpitStore): void {
  useEffect(() => keepClockMoving(store), [store]);
}
