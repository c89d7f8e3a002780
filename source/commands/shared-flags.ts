import {UsageError} from '../errors';
import {isValidRefresh} from '../probes/refresh-interval';

/** Flags of the full-screen cockpit (`cockpit` and `cockpit demo`). */
export const screenFlags = {
  config: {type: 'string'},
  readOnly: {type: 'boolean', default: false},
  refresh: {type: 'number'},
} as const;

/** Validates `--refresh`. */
export function refreshSecondsFrom(
  flag: number | undefined,
  configured: number | undefined,
): number {
  const seconds = flag ?? configured ?? 2;
  if (!isValidRefresh(seconds))
    throw new UsageError(`--refresh must be between 0.5 and 10 seconds (got ${seconds})`);
  return seconds;
}
