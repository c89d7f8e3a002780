/** Depth readings are kept this long to derive removals over the same window as arrivals. */
const windowMs = 5 * 60_000;

/**
 * Removals per minute when no index makes counting them cheap: what arrived in the window minus
 * how much the queue grew over it. Only exact depths are used; an estimate's noise would swamp
 * the difference.
 */
export class RemovalRate {
  private readings: Array<{at: number; depth: number}> = [];

  /** Records an exact depth (or forgets the history on an estimate) and returns the rate, if known. */
  update(at: number, depth: number | undefined, arrivalsPerMinute: number): number | null {
    if (depth === undefined) {
      this.readings = [];
      return null;
    }
    this.readings = this.readings.filter((reading) => reading.at >= at - windowMs);
    const first = this.readings[0];
    this.readings.push({at, depth});
    if (!first || at - first.at < 10_000) return null;
    const grewPerMinute = (depth - first.depth) / ((at - first.at) / 60_000);
    return Math.max(0, Math.round((arrivalsPerMinute - grewPerMinute) * 10) / 10);
  }
}
