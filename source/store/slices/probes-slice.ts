import type {StateCreator} from 'zustand';
import type {ProbeOutcome} from '../../probes/probe-types';
import type {CockpitState} from '../cockpit-store';

/** What a pane knows about its probe: last good data, and the last failure if newer. */
export type ProbeState = {
  data?: unknown;
  /** When `data` was fetched (ms since epoch). */
  fetchedAt?: number;
  durationMs?: number;
  /** The interval the probe runs at now, for how stale its data may get. */
  intervalMs?: number;
  /** Set while the latest run failed; cleared by the next success. */
  error?: string;
  errorAt?: number;
};

export type ProbesSlice = {
  probes: Record<string, ProbeState>;
  recordProbeOutcome: (probeId: string, outcome: ProbeOutcome) => void;
};

/** A probe's state after `outcome`: the new data, or the old data with the failure beside it. */
export function nextProbeState(
  previous: ProbeState | undefined,
  outcome: ProbeOutcome,
): ProbeState {
  return outcome.ok
    ? {data: outcome.data, fetchedAt: outcome.fetchedAt, durationMs: outcome.durationMs}
    : {...previous, error: outcome.error, errorAt: outcome.fetchedAt};
}

export const createProbesSlice: StateCreator<CockpitState, [], [], ProbesSlice> = (set) => ({
  probes: {},
  recordProbeOutcome: (probeId, outcome) =>
    set((state) => ({
      probes: {...state.probes, [probeId]: nextProbeState(state.probes[probeId], outcome)},
    })),
});
