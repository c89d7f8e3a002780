import {CockpitError} from '../errors';

/**
 * A file-system failure on the state directory (permissions, a full disk) as a one-line error
 * naming the directory; other errors are bugs and keep their stack.
 */
export function asJournalError(error: unknown, home: string): unknown {
  if (error instanceof CockpitError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error;
  return new CockpitError(
    `cannot use the incident journals in ${home}: ${(error as Error).message}`,
    {
      hint: 'check COCKPIT_HOME, its permissions and free space',
      cause: error,
    },
  );
}
