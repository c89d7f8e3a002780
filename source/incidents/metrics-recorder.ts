import type {EventInput} from '../journal/journal-event';
import type {CockpitStore} from '../store/cockpit-store';

/**
 * Journals, every `everyMs`, the peak of each sample series the probes push into the store
 * (`connections.total`, `locks.blocked`, `dlq.depth`, `emails.failed`, …) over that interval,
 * as one `metrics` event. The report's key metrics come from these events. Returns the stop
 * function.
 */
export function startMetricsRecorder(
  store: CockpitStore,
  append: (input: EventInput) => Promise<unknown>,
  options: {everyMs?: number; now?: () => number} = {},
): () => void {
  const {everyMs = 60_000, now = Date.now} = options;
  let since = now();
  const timer = setInterval(() => {
    const until = now();
    const series = peaksBetween(store.getState().history, since, until);
    since = until;
    if (Object.keys(series).length === 0) return;
    append({type: 'metrics', data: {series, windowSeconds: Math.round(everyMs / 1000)}}).catch(
      () => undefined,
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The highest value of each series among samples taken in (`from`, `until`]. */
export function peaksBetween(
  history: Record<string, ReadonlyArray<{at: number; value: number}>>,
  from: number,
  until: number,
): Record<string, number> {
  const peaks: Record<string, number> = {};
  for (const name of Object.keys(history).sort()) {
    for (const sample of history[name] ?? []) {
      if (sample.at <= from || sample.at > until) continue;
      peaks[name] = Math.max(peaks[name] ?? Number.NEGATIVE_INFINITY, sample.value);
    }
  }
  return peaks;
}
