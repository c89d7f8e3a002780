import type {TimelineEntry} from './slices/incident-slice';

/**
 * `entries` merged into `timeline` by when each happened, ties in arrival order. Appends of
 * new events (the usual case) cost one comparison and a concat; a back-dated note is placed
 * with a binary search instead of at the bottom.
 */
export function mergeByTime(
  timeline: readonly TimelineEntry[],
  entries: readonly TimelineEntry[],
): TimelineEntry[] {
  const last = timeline.at(-1);
  if (last === undefined) return sortByTime(entries);
  const sorted = sortByTime(entries);
  if (sorted[0]!.at >= last.at) return timeline.concat(sorted);
  const merged = timeline.slice();
  for (const entry of sorted) merged.splice(insertionIndex(merged, entry.at), 0, entry);
  return merged;
}

/** A copy of `entries` in the order they happened; a stable sort keeps ties in journal order. */
export function sortByTime(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries.slice().sort((left, right) => left.at - right.at);
}

/** The index after every entry that happened at or before `at`. */
function insertionIndex(timeline: readonly TimelineEntry[], at: number): number {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timeline[middle]!.at <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}
