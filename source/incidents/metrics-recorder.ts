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
  // Per series, the time of the newest sample already journaled. A sample is dated when its
  // probe read it but reaches the store later (a slower pane's result waits for the next
  // database refresh): a cut by the recorder's own clock would drop the ones written late.
  const journaledUntil: Record<string, number> = {};
  const startedAt = since;
  const record = async () => {
    const until = now();
    const series = newPeaks(store.getState().history, journaledUntil, startedAt);
    const windowSeconds = Math.round((until - since) / 1000);
    since = until;
    if (Object.keys(series).length === 0) return;
    await append({type: 'metrics', data: {series, windowSeconds}});
  };
  const timer = setInterval(() => void record().catch(() => undefined), everyMs);
  timer.unref();
  return {stop: () => clearInterval(timer), flush: record};
}

/**
 * The highest value of each series among its samples newer than `journaledUntil` of that series
 * (or than `startedAt`), moving `journaledUntil` on to the newest of them.
 */
export function newPeaks(
  history: Readonly<Partial<Record<string, ReadonlyArray<{at: number; value: number}>>>>,
  journaledUntil: Record<string, number>,
  startedAt: number,
): Record<string, number> {
  const peaks: Record<string, number> = {};
  for (const name of Object.keys(history).sort()) {
    const after = journaledUntil[name] ?? startedAt;
    for (const sample of history[name] ?? []) {
      if (sample.at <= after) continue;
      peaks[name] = Math.max(peaks[name] ?? Number.NEGATIVE_INFINITY, sample.value);
      journaledUntil[name] = Math.max(journaledUntil[name] ?? after, sample.at);
    }
  }
  return peaks;
}
