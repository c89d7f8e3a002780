import pg from 'pg';

/**
 * Quoting for SQL sent through the lifeline, which cannot take bind parameters (it sends one
 * simple-protocol message so it works through transaction poolers).
 */

/** A quoted identifier; `schema.table` is quoted part by part. */
export function quoteIdentifier(name: string): string {
  return name
    .split('.')
    .map((part) => pg.escapeIdentifier(part))
    .join('.');
}

/** A quoted string literal (`E'…'` when it contains a backslash). */
export function quoteLiteral(value: string): string {
  return pg.escapeLiteral(value);
}

/** A parenthesised list of literals for `IN (…)`. */
export function literalList(values: readonly string[]): string {
  return `(${values.map(quoteLiteral).join(', ')})`;
}
