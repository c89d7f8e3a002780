const ticks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * The last `width` values as a sparkline. Scaled from zero to `ceiling` (or the largest value)
 * so that a flat line at the limit reads as full, not as a middle bar.
 */
export function sparkline(values: readonly number[], width: number, ceiling?: number): string {
  if (width <= 0) return '';
  const recent = values.slice(-width);
  const top = Math.max(ceiling ?? 0, ...recent, 1);
  return recent
    .map(
      (value) =>
        ticks[
          Math.min(ticks.length - 1, Math.max(0, Math.round((value / top) * (ticks.length - 1))))
        ],
    )
    .join('')
    .padStart(width, ' ');
}

/** Keeps one value per `bucketMs` (the last of each), so a 15-minute history fits any width. */
export function bucketSamples(
  samples: ReadonlyArray<{at: number; value: number}>,
  bucketMs: number,
): number[] {
  const buckets = new Map<number, number>();
  for (const sample of samples) buckets.set(Math.floor(sample.at / bucketMs), sample.value);
  return [...buckets.values()];
}
