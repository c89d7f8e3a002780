/** The refresh interval probe intervals are defined against; `--refresh` and `+`/`-` scale from it. */
export const baseRefreshSeconds = 2;

/** The steps `+` and `-` move through (pg_activity's range: 0.5 to 10 seconds). */
export const refreshSteps = [0.5, 1, 2, 3, 5, 10] as const;

/** The next step faster (`direction` -1) or slower (+1) than `seconds`. */
export function stepRefresh(seconds: number, direction: -1 | 1): number {
  if (direction < 0)
    return [...refreshSteps].reverse().find((step) => step < seconds) ?? refreshSteps[0];
  return refreshSteps.find((step) => step > seconds) ?? refreshSteps[refreshSteps.length - 1]!;
}

/** Validates a `--refresh` value: a number of seconds from 0.5 to 10. */
export function isValidRefresh(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0.5 && seconds <= 10;
}
