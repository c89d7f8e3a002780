import type {StatementResult} from '../sources/postgres-lifeline';
import {formatDuration} from '../text/format';
import {redactSecrets} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';

/** How much of a result is kept for the screen and the timeline. */
export type ResultLimits = {maxRows: number; maxColumns: number; maxCellLength: number};

/** Default limits: enough to read on a bridge screen, small enough to journal. */
export const defaultResultLimits: ResultLimits = {maxRows: 50, maxColumns: 12, maxCellLength: 120};

/** A result cut to its limits, every cell sanitised and stripped of secrets. */
export type BoundedResult = {
  command: string;
  rowCount: number | null;
  columns: string[];
  rows: string[][];
  /** Rows received beyond `maxRows`. */
  omittedRows: number;
  /** Columns received beyond `maxColumns`. */
  omittedColumns: number;
};

const intervalFields = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'];

/** True for the object node-postgres makes of an `interval` (postgres-interval). */
function isInterval(value: object): value is Partial<Record<string, number>> {
  const keys = Object.keys(value);
  return (
    typeof (value as {toPostgres?: unknown}).toPostgres === 'function' &&
    keys.every((key) => intervalFields.includes(key))
  );
}

/** An interval as an on-call reads it: `2m49s`, `1d03h04m`, `2mon 3d`, `-45s`, `0s`. */
export function intervalText(interval: Partial<Record<string, number>>): string {
  const part = (key: string) => interval[key] ?? 0;
  const months = part('years') * 12 + part('months');
  const seconds =
    part('days') * 86_400 +
    part('hours') * 3600 +
    part('minutes') * 60 +
    part('seconds') +
    part('milliseconds') / 1000;
  const calendar = months === 0 ? '' : `${months}mon`;
  if (seconds === 0) return calendar || '0s';
  const sign = seconds < 0 ? '-' : '';
  const clock = formatDuration(Math.abs(seconds));
  return calendar ? `${calendar} ${sign}${clock}` : `${sign}${clock}`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value))
    return `\\x${value.subarray(0, 64).toString('hex')}${value.length > 64 ? '…' : ''}`;
  if (typeof value === 'object' && isInterval(value)) return intervalText(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Bounds and sanitises a statement result for display. */
export function boundResult(
  result: StatementResult,
  limits: ResultLimits = defaultResultLimits,
  hiddenColumns: readonly string[] = [],
): BoundedResult {
  const visible = result.fields.filter((field) => !hiddenColumns.includes(field));
  const columns = visible.slice(0, limits.maxColumns);
  const clean = (text: string) =>
    sanitizeTerminalText(redactSecrets(text.slice(0, limits.maxCellLength * 4)), {
      maxLength: limits.maxCellLength,
    });
  return {
    command: result.command,
    rowCount: result.rowCount,
    columns: columns.map(clean),
    rows: result.rows
      .slice(0, limits.maxRows)
      .map((row) => columns.map((column) => clean(cellText(row[column])))),
    omittedRows: Math.max(0, result.rows.length - limits.maxRows),
    omittedColumns: visible.length - columns.length,
  };
}
