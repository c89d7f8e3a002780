import type {EventInput} from '../journal/journal-event';
import type {CockpitStore} from '../store/cockpit-store';

/** A running recorder: `flush` journals the peaks since the last record at once (at close). */
export type MetricsRecorder = {stop: () => void; flush: () => Promise<void>};

/**
 * Journals, every `everyMs`, the peak of each sample series the probes push into the store
 * (`connections.total`, `locks.waiting`, `dlq.depth`, `email.failedLast15Minutes`, …) over that
 * interval,
 * as one `metrics` event. The report's key metrics come from these events.
 */
export function startMetricsRecorder(
  store: CockpitStore,
  append: (input: EventInput) => Promise<unknown>,
  options: {everyMs?: number; now?: () => number} = {},
): MetricsRecorder {
  const {everyMs = 60_000, now = Date.now} = options;
  let since = now();
  const record = async () => {
    const until = now();
    const series = peaksBetween(store.getState().history, since, until);
    const windowSeconds = Math.round((until - since) / 1000);
    since = until;
    if (Object.keys(series).length === 0) return;
    await append({type: 'metrics', data: {series, windowSeconds}});
  };
  const timer = setInterval(() => void record().catch(() => undefined), everyMs);
  timer.unref();
  return {stop: () => clearInterval(timer), flush: record};
}

/** The highest value of each series among samples taken in (`from`, `until`]. */
export function peaksBetween(
  history: Readonly<Partial<Record<string, ReadonlyArray<{at: number; value: number}>>>>,
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
