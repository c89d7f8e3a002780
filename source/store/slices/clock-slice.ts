import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

export type ClockSlice = {
  /**
   * The one clock every age and the header's time are drawn from (ms since epoch). A refresh's
   * data moves it in the same write, so a refresh is one frame; between refreshes it ticks by
   * itself (see `keepClockMoving`).
   */
  clock: number;
  tickClock: (now: number) => void;
};

export const createClockSlice: StateCreator<CockpitState, [], [], ClockSlice> = (set) => ({
  clock: Date.now(),
  tickClock: (now) => set({clock: now}),
});
