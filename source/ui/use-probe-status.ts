import type {ProbeId} from '../probes/probe-registry';
import {baseRefreshSeconds} from '../probes/refresh-interval';
import type {ProbeState} from '../store/slices/probes-slice';
import {formatDuration} from '../text/format';
import {useCockpit} from './store-context';
import type {Tone} from './theme';
import {useNow} from './use-now';

/** Data older than this many refresh intervals is shown as stale. */
const staleAfterIntervals = 3;

/** How a pane's title describes its probe: age of the data, stale, failing, or not run yet. */
export function describeProbeState(
  state: ProbeState | undefined,
  now: number,
  intervalMs: number,
): {text: string; tone: Tone} {
  if (!state || (state.fetchedAt === undefined && state.error === undefined))
    return {text: 'waiting for first data', tone: 'text.muted'};
  if (state.error !== undefined) {
    const age =
      state.fetchedAt === undefined
        ? ''
        : `, data ${formatDuration((now - state.fetchedAt) / 1000)} old`;
    return {text: `failed${age}`, tone: 'status.critical'};
  }
  const ageSeconds = (now - (state.fetchedAt ?? now)) / 1000;
  if (ageSeconds * 1000 > intervalMs * staleAfterIntervals + 1000) {
    return {text: `stale ${formatDuration(ageSeconds)}`, tone: 'status.stale'};
  }
  return {text: `${formatDuration(Math.max(0, ageSeconds))} ago`, tone: 'text.muted'};
}

/** The probe state of one pane plus its title status, refreshed every second. */
export function useProbeStatus<Id extends ProbeId>(probeId: Id, intervalMs: number) {
  const state = useCockpit((cockpit) => cockpit.probes[probeId]);
  const scale = useCockpit((cockpit) => cockpit.ui.refreshSeconds / baseRefreshSeconds);
  const paused = useCockpit((cockpit) => cockpit.ui.paused);
  const now = useNow(1000);
  const status = describeProbeState(state, now, intervalMs * scale);
  return {
    state,
    status: paused ? {text: `paused · ${status.text}`, tone: 'status.warn' as Tone} : status,
  };
}
