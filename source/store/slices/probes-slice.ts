import type {StateCreator} from 'zustand';
import type {ProbeId, ProbeSnapshots} from '../../probes/probe-registry';
import type {ProbeOutcome} from '../../probes/probe-types';
import type {CockpitState} from '../cockpit-store';

/** What a pane knows about its probe: last good data, and the last failure if newer. */
export type ProbeState<Snapshot = unknown> = {
  data?: Snapshot;
  /** When `data` was fetched (ms since epoch), or last confirmed unchanged. */
  fetchedAt?: number;
  /** When `data` was last read in full, when later runs only saw that nothing changed. */
  readAt?: number;
  durationMs?: number;
  /** The interval the probe runs at now, for how stale its data may get. */
  intervalMs?: number;
  /** Set while the latest run failed; cleared by the next success. */
  error?: string;
  errorAt?: number;
};

/** Each probe's state under its id, typed by {@link ProbeSnapshots}. */
export type ProbeStates = {[Id in ProbeId]?: ProbeState<ProbeSnapshots[Id]>};

export type ProbesSlice = {
  probes: ProbeStates;
  /** Records a run of the probe `probeId`; the registry guarantees `outcome.data` fits the id. */
  recordProbeOutcome: (probeId: string, outcome: ProbeOutcome) => void;
};

/** The data of the probe `probeId`, typed by its id. */
export function probeDataOf<Id extends ProbeId>(
  state: {probes: ProbeStates},
  probeId: Id,
): ProbeSnapshots[Id] | undefined {
  return state.probes[probeId]?.data;
}

/** A probe's state after `outcome`: the new data, or the old data with the failure beside it. */
export function nextProbeState(
  previous: ProbeState | undefined,
  outcome: ProbeOutcome,
): ProbeState {
  return outcome.ok
    ? {
        data: outcome.data,
        fetchedAt: outcome.fetchedAt,
        durationMs: outcome.durationMs,
        ...(outcome.readAt !== undefined && {readAt: outcome.readAt}),
      }
    : {...previous, error: outcome.error, errorAt: outcome.fetchedAt};
}

export const createProbesSlice: StateCreator<CockpitState, [], [], ProbesSlice> = (set) => ({
  probes: {},
  recordProbeOutcome: (probeId, outcome) =>
    set((state) => {
      // Probe ids come from the registry, whose type binds each id to its snapshot type.
      const probes = state.probes as Record<string, ProbeState>;
      return {probes: {...state.probes, [probeId]: nextProbeState(probes[probeId], outcome)}};
    }),
});
