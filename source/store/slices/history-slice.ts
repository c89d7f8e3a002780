import type {StateCreator} from 'zustand';
import type {MetricName, MetricSamples} from '../../probes/metric-series';
import type {CockpitState} from '../cockpit-store';

/** Samples kept per series: 15 minutes at one sample a second. */
export const historyCapacity = 900;

/** One timestamped value of a series. */
export type Sample = {at: number; value: number};

export type HistorySlice = {
  /** Series by name (e.g. `connections.total`), oldest first, at most {@link historyCapacity}. */
  history: Partial<Record<MetricName, Sample[]>>;
  pushSamples: (at: number, values: MetricSamples) => void;
};

/** `history` with one sample per series of `values` appended, each series capped. */
export function appendSamples(
  history: HistorySlice['history'],
  at: number,
  values: MetricSamples,
): HistorySlice['history'] {
  const next = {...history};
  for (const [name, value] of Object.entries(values)) {
    // Object.entries widens the keys back to string; they are the MetricName keys of `values`.
    const series = name as MetricName;
    if (value === undefined) continue;
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
