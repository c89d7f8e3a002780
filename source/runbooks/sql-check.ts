import type {StatementResult, TransactionOptions} from '../sources/postgres-lifeline';
import type {CodeBlock} from './runbook-model';
import {classifySql} from './sql-classifier';
import {bindSqlPlaceholders} from './sql-placeholders';

/** Whether a SQL block can run on this database, as EXPLAIN found. */
export type SqlCheckResult =
  | {status: 'ok'; note?: string}
  | {status: 'fails'; message: string}
  | {status: 'skipped'; message: string};

/** What the check needs of the lifeline. */
export type CheckDatabase = {
  transaction: (
    statements: readonly string[],
    options: TransactionOptions,
  ) => Promise<StatementResult[]>;
};

/** Statements EXPLAIN accepts; anything else (DDL, VACUUM, SET, …) cannot be checked this way. */
const explainable = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateTableAsStmt',
  'DeclareCursorStmt',
]);

/**
 * Values tried for placeholders, in turn: a placeholder has no type, so a value the column
 * rejects (`'0'` for a uuid) says nothing about the schema and the next one is tried.
 */
const sampleValues = [
  '0',
  '00000000-0000-0000-0000-000000000000',
  '2000-01-01 00:00:00+00',
  'true',
];

/** Short timeouts: EXPLAIN of a write takes the table's lock, and production must not wait on it. */
const checkTimeouts = {statementTimeoutMs: 3000, lockTimeoutMs: 500};

function describeError(error: unknown): string {
  const {message, hint} = error as {message?: string; hint?: string};
  return `${message ?? String(error)}${hint ? ` (hint: ${hint})` : ''}`;
}

/**
 * EXPLAINs every statement of a SQL block — never runs it — against the live schema, in a
 * transaction that is always rolled back (read-only unless the block writes). A block with
 * placeholders is checked with sample values.
 */
export async function checkSqlBlock(
  database: CheckDatabase,
  code: Pick<CodeBlock, 'text' | 'placeholders'>,
): Promise<SqlCheckResult> {
  let last: SqlCheckResult = {status: 'ok'};
  for (const sample of sampleValues) {
    const values = Object.fromEntries(code.placeholders.map((item) => [item.name, sample]));
    const bound = bindSqlPlaceholders(code.text, code.placeholders, values);
    if ('error' in bound) return {status: 'fails', message: bound.error};
    const classification = classifySql(bound.sql);
    if (classification.sqlClass === 'unparseable')
      return {status: 'fails', message: `not valid PostgreSQL: ${classification.error}`};
    const statements = classification.statements.filter((statement) =>
      explainable.has(statement.statementType),
    );
    const skipped = classification.statements.filter(
      (statement) => !explainable.has(statement.statementType),
    );
    if (statements.length === 0)
      return {
        status: 'skipped',
        message: `${skipped.map((statement) => statement.statementType).join(', ')} cannot be EXPLAINed`,
      };
    try {
      await database.transaction(
        statements.map((statement) => `EXPLAIN ${statement.text.trim().replace(/;+\s*$/, '')}`),
        {readOnly: classification.sqlClass === 'read', rollback: true, ...checkTimeouts},
      );
      return skipped.length > 0
        ? {status: 'ok', note: `${skipped.length} statement(s) not EXPLAINable, not checked`}
        : {status: 'ok'};
    } catch (error) {
      const sqlState = (error as {code?: string}).code ?? '';
      last = {status: 'fails', message: describeError(error)};
      // Class 22 (data exception) with placeholders: the sample value, not the schema, was wrong.
      if (!(sqlState.startsWith('22') && code.placeholders.length > 0)) return last;
    }
  }
  return code.placeholders.length > 0
    ? {status: 'ok', note: 'no sample value fits the placeholders; their types are not checked'}
    : last;
}
