import type {StateCreator} from 'zustand';
import type {ProbeOutcome} from '../../probes/probe-types';
import type {CockpitState} from '../cockpit-store';

/** What a pane knows about its probe: last good data, and the last failure if newer. */
export type ProbeState = {
  data?: unknown;
  /** When `data` was fetched (ms since epoch). */
  fetchedAt?: number;
  durationMs?: number;
  /** Set while the latest run failed; cleared by the next success. */
  error?: string;
  errorAt?: number;
};

export type ProbesSlice = {
  probes: Record<string, ProbeState>;
  recordProbeOutcome: (probeId: string, outcome: ProbeOutcome) => void;
};

export const createProbesSlice: StateCreator<CockpitState, [], [], ProbesSlice> = (set) => ({
  probes: {},
  recordProbeOutcome: (probeId, outcome) =>
    set((state) => {
      const previous = state.probes[probeId] ?? {};
      const next: ProbeState = outcome.ok
        ? {data: outcome.data, fetchedAt: outcome.fetchedAt, durationMs: outcome.durationMs}
        : {...previous, error: outcome.error, errorAt: outcome.fetchedAt};
      return {probes: {...state.probes, [probeId]: next}};
    }),
});
