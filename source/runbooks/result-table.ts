import type {StatementResult} from '../sources/postgres-lifeline';
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

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value))
    return `\\x${value.subarray(0, 64).toString('hex')}${value.length > 64 ? '…' : ''}`;
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
