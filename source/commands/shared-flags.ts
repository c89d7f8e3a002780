import {UsageError} from '../errors';
import {isValidRefresh} from '../probes/refresh-interval';

/** Flags of the full-screen cockpit (`cockpit` and `cockpit demo`). */
export const screenFlags = {
  config: {type: 'string'},
  readOnly: {type: 'boolean', default: false},
  // A string, parsed here: meow turns `--refresh abc` into NaN and the message could not say what
  // was typed.
  refresh: {type: 'string'},
} as const;

/** Validates `--refresh` (as typed) or the config file's `refreshSeconds`. */
export function refreshSecondsFrom(
  flag: string | undefined,
  configured: number | undefined,
): number {
  if (flag === undefined) {
    const seconds = configured ?? 2;
    if (!isValidRefresh(seconds))
      throw new UsageError(
        `refreshSeconds in the config file must be between 0.5 and 10 seconds (got ${seconds})`,
        'set a number of seconds such as 2',
      );
    return seconds;
  }
  const seconds = flag.trim() === '' ? Number.NaN : Number(flag);
  if (Number.isNaN(seconds))
    throw new UsageError(
      `--refresh must be a number of seconds (got "${flag}")`,
      'pass a number from 0.5 to 10, such as --refresh 2',
    );
  if (!isValidRefresh(seconds))
    throw new UsageError(
      `--refresh must be between 0.5 and 10 seconds (got ${seconds})`,
      'pass a number from 0.5 to 10, such as --refresh 2',
    );
  return seconds;
}
