import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

/** Samples kept per series: 15 minutes at one sample a second. */
export const historyCapacity = 900;

/** One timestamped value of a series. */
export type Sample = {at: number; value: number};

export type HistorySlice = {
  /** Series by name (e.g. `connections.total`), oldest first, at most {@link historyCapacity}. */
  history: Record<string, Sample[]>;
  pushSamples: (at: number, values: Record<string, number>) => void;
};

/** `history` with one sample per series of `values` appended, each series capped. */
export function appendSamples(
  history: HistorySlice['history'],
  at: number,
  values: Record<string, number>,
): HistorySlice['history'] {
  const next = {...history};
  for (const [series, value] of Object.entries(values)) {
    const samples = next[series] ?? [];
    const appended =
      samples.length >= historyCapacity ? samples.slice(1 - historyCapacity) : samples.slice();
    appended.push({at, value});
    next[series] = appended;
  }
  return next;
}

export const createHistorySlice: StateCreator<CockpitState, [], [], HistorySlice> = (set) => ({
  history: {},
  pushSamples: (at, values) =>
    set((state) => ({history: appendSamples(state.history, at, values)})),
});
