import type {PostgresLifeline} from '../sources/postgres-lifeline';
import type {MetricSamples} from './metric-series';

/** What every probe receives: the sources it may read and the cockpit's settings. */
export type ProbeContext = {
  lifeline: PostgresLifeline;
  /** `server_version_num`, for probes whose SQL differs by version. */
  serverVersion: () => number;
  /** Maximum rows a probe returns for lists (long-running queries, waiters, …). */
  rowLimit: number;
};

/**
 * One pane's data source: a plain async function run by the scheduler on its own interval.
 * `samples` and `summarize` are methods so that a typed probe fits a list of any probes.
 */
export type ProbeDefinition<Snapshot = unknown, Id extends string = string> = {
  id: Id;
  title: string;
  /** Interval between the end of one run and the start of the next, unless the user changes it. */
  intervalMs: number;
  /**
   * Never refreshed more often than `intervalMs`, whatever `--refresh` and `+`/`-` say: the
   * application panes, whose data changes slower than the database's sessions and locks.
   */
  fixedInterval?: boolean;
  run: (context: ProbeContext) => Promise<Snapshot>;
  /**
   * A cheap reading of what the data depends on (its tables' change counters and newest row),
   * or undefined when it cannot tell. While it reads as it did at the last full run, that run's
   * data is kept instead of reading again, for up to {@link unchangedReuseMs}: the pane then
   * refreshes no more often than its data changes.
   */
  changeToken?(context: ProbeContext): Promise<string | undefined>;
  /** Kept data brought forward by `elapsedSeconds`: ages grow even while the table is still. */
  carryForward?(snapshot: Snapshot, elapsedSeconds: number): Snapshot;
  /**
   * Lists whose items carry ages as of the read that `readAt` tells: after a later read every
   * item differs, so a refresh takes these lists as they come instead of comparing each field of
   * each item with the last refresh's to share what did not change.
   */
  agedLists?: {readAt(snapshot: Snapshot): number; keys: readonly string[]};
  /** Values to keep in the history ring buffers for sparklines, by series name. */
  samples?(snapshot: Snapshot): MetricSamples;
  /** A few lines in words for `cockpit probe` without `--json`. */
  summarize?(snapshot: Snapshot): string[];
};

/**
 * The longest a probe's data is kept because its tables did not change: change counters reach
 * the statistics up to ten seconds late, and windows such as "the last minute" move on their own.
 */
export const unchangedReuseMs = 30_000;

/** The outcome of one run of a probe. */
export type ProbeOutcome<Snapshot = unknown> =
  | {
      ok: true;
      data: Snapshot;
      startedAt: number;
      fetchedAt: number;
      durationMs: number;
      /** When the data was last read in full, when this run only saw that nothing changed. */
      readAt?: number;
    }
  | {ok: false; error: string; startedAt: number; fetchedAt: number; durationMs: number};

/** A SQL variant that applies from `minVersion` (server_version_num) upward. */
export type VersionedSql = {minVersion: number; sql: string};

/** Picks the variant for `serverVersion` from a list sorted by `minVersion`, oldest first. */
export function sqlForVersion(variants: readonly VersionedSql[], serverVersion: number): string {
  let chosen = variants[0];
  for (const variant of variants) if (serverVersion >= variant.minVersion) chosen = variant;
  if (!chosen) throw new Error('no SQL variant defined');
  return chosen.sql;
}
