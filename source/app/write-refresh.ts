import {type AlertEvaluation, type AlertRule, evaluateAlerts} from '../alerts/alert-rule';
import type {ProbeDefinition, ProbeOutcome} from '../probes/probe-types';
import type {CockpitStore} from '../store/cockpit-store';
import {reuseUnchanged} from '../store/reuse-unchanged';
import type {Alert} from '../store/slices/alerts-slice';
import {appendSamples} from '../store/slices/history-slice';
import {nextProbeState, type ProbeState} from '../store/slices/probes-slice';

/** One probe's outcome in a refresh. */
export type RefreshResult = {probeId: string; outcome: ProbeOutcome};

/**
 * Writes one refresh to the store in one update: every probe's new state (the unchanged parts
 * of its data kept as the same objects, so what did not change does not redraw), its samples,
 * the alerts (the same array when they say the same) and the clock. One write is one frame.
 */
export function writeRefresh(
  store: CockpitStore,
  results: readonly RefreshResult[],
  context: {
    probes: readonly ProbeDefinition[];
    rules: readonly AlertRule[];
    intervalOf: (probe: ProbeDefinition) => number | undefined;
  },
): {evaluation: AlertEvaluation; now: number} {
  const state = store.getState();
  // Probe ids come from the registry, whose type binds each id to its snapshot type.
  const probes: Record<string, ProbeState> = {...state.probes};
  let history = state.history;
  let now = 0;
  for (const {probeId, outcome} of results) {
    const probe = context.probes.find((candidate) => candidate.id === probeId);
    const previous = probes[probeId];
    const next = nextProbeState(previous, outcome);
    if (outcome.ok) next.data = reuseSnapshot(probe, previous?.data, outcome.data);
    if (probe) next.intervalMs = context.intervalOf(probe);
    probes[probeId] = next;
    if (outcome.ok && probe?.samples)
      history = appendSamples(history, outcome.fetchedAt, probe.samples(outcome.data));
    now = Math.max(now, outcome.fetchedAt);
  }
  const evaluation = evaluateAlerts(context.rules, {...state, probes, history}, now);
  const alerts = sameAlerts(state.alerts, evaluation.alerts) ? state.alerts : evaluation.alerts;
  store.setState({probes, history, alerts, clock: Math.max(now, state.clock)});
  return {evaluation, now};
}

/**
 * A probe's new data with what did not change since `previous` kept as the same objects; a
 * probe's aged lists are compared only when both were aged to the same read.
 */
function reuseSnapshot(
  probe: ProbeDefinition | undefined,
  previous: unknown,
  next: unknown,
): unknown {
  const aged = probe?.agedLists;
  const laterRead = aged && previous != null && aged.readAt(previous) !== aged.readAt(next);
  return reuseUnchanged(previous, next, laterRead ? aged.keys : []);
}

/** Whether two alert lists say the same: then the store keeps the old one and nothing redraws. */
function sameAlerts(left: readonly Alert[], right: readonly Alert[]): boolean {
  return (
    left.length === right.length &&
    left.every((alert, index) => {
      const other = right[index]!;
      return (
        alert.ruleId === other.ruleId &&
        alert.level === other.level &&
        alert.title === other.title &&
        alert.detail === other.detail &&
        alert.since === other.since
      );
    })
  );
}
