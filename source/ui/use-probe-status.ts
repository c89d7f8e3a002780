import {useShallow} from 'zustand/react/shallow';
import type {ProbeId} from '../probes/probe-registry';
import {baseRefreshSeconds} from '../probes/refresh-interval';
import type {ProbeState} from '../store/slices/probes-slice';
import {formatDuration} from '../text/format';
import {useCockpit} from './store-context';
import type {Tone} from './theme';

/** Data older than this many refresh intervals is shown as stale. */
const staleAfterIntervals = 3;

/** An age in whole seconds: a label that changes once a second at most, not on every frame. */
function formatAge(seconds: number): string {
  return seconds < 1 ? '0s' : formatDuration(Math.floor(seconds));
}

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
        : `, data ${formatAge((now - state.fetchedAt) / 1000)} old`;
    return {text: `failed${age}`, tone: 'status.critical'};
  }
  const ageSeconds = (now - (state.fetchedAt ?? now)) / 1000;
  if (ageSeconds * 1000 > intervalMs * staleAfterIntervals + 1000) {
    return {text: `stale ${formatAge(ageSeconds)}`, tone: 'status.stale'};
  }
  const text = `${formatAge(Math.max(0, ageSeconds))} ago`;
  // Data kept because its tables did not change: say since when it was last read in full.
  if (state.readAt !== undefined && state.readAt < (state.fetchedAt ?? now))
    return {
      text: `${text} · no change in ${formatAge((now - state.readAt) / 1000)}`,
      tone: 'text.muted',
    };
  return {text, tone: 'text.muted'};
}

/**
 * The probe state of one pane plus its title status. The status is derived inside the selector,
 * so the pane re-renders when its words change, not on every tick of the clock.
 */
export function useProbeStatus<Id extends ProbeId>(probeId: Id, intervalMs: number) {
  const state = useCockpit((cockpit) => cockpit.probes[probeId]);
  const status = useCockpit(
    useShallow((cockpit) => {
      // The interval the probe really runs at (recorded with its data), else the pane's default.
      const interval =
        cockpit.probes[probeId]?.intervalMs ??
        (intervalMs * cockpit.ui.refreshSeconds) / baseRefreshSeconds;
      const described = describeProbeState(cockpit.probes[probeId], cockpit.clock, interval);
      // A pane on its own, slower cadence says so: its age is read against that, not the header's.
      const own = cockpit.probes[probeId]?.intervalMs;
      if (
        own !== undefined &&
        own !== cockpit.ui.refreshSeconds * 1000 &&
        !cockpit.probes[probeId]?.error
      )
        described.text += ` · every ${formatDuration(own / 1000)}`;
      return cockpit.ui.paused
        ? {text: `paused · ${described.text}`, tone: 'status.warn' as Tone}
        : described;
    }),
  );
  return {state, status};
}
