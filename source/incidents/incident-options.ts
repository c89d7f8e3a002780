import {UsageError} from '../errors';
import type {Severity} from '../store/slices/incident-slice';
import {parseSeverity} from './severity';

/** Incident flags of the full-screen cockpit. */
export type IncidentFlags = {newTitle?: string; severity?: string; localTime?: boolean};

/** What the cockpit should do about incidents at start. */
export type IncidentStart = {open?: {title: string; severity: Severity}; localTime: boolean};

/** Validates `--new` and `--severity`; `--severity` alone is an error (it names the new incident's). */
export function incidentStartFrom(flags: IncidentFlags | undefined): IncidentStart {
  const localTime = flags?.localTime ?? false;
  if (flags?.newTitle === undefined) {
    if (flags?.severity !== undefined)
      throw new UsageError(
        '--severity goes with --new TITLE',
        'change the severity in the cockpit (key !)',
      );
    return {localTime};
  }
  const title = flags.newTitle.trim();
  if (!title)
    throw new UsageError(
      '--new needs a title',
      'cockpit --new "checkout is failing" --severity P1',
    );
  const severity = flags.severity === undefined ? 'P2' : parseSeverity(flags.severity);
  if (!severity)
    throw new UsageError(`--severity must be P0, P1, P2 or P3 (got "${flags.severity}")`);
  return {open: {title, severity}, localTime};
}
