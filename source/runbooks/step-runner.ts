import {createHash} from 'node:crypto';
import {databaseErrorFields, type PostgresLifeline} from '../sources/postgres-lifeline';
import {
  type BoundedResult,
  boundResult,
  defaultResultLimits,
  type ResultLimits,
} from './result-table';
import type {CodeBlock} from './runbook-model';
import {maskSecretValues, secretValuesOf, withoutSecretValues} from './secret-placeholders';
import {classifySql, type SqlClassification, type StatementClassification} from './sql-classifier';
import {parseSql} from './sql-parser';
import {bindSqlPlaceholders} from './sql-placeholders';

/** The part of the lifeline steps run through. */
export type StepDatabase = Pick<PostgresLifeline, 'transaction'>;

/** A SQL step ready to run: placeholders bound, classified, with the token that confirms it. */
export type PreparedSqlStep = {
  sql: string;
  classification: SqlClassification;
  /** Pass it back to run a write or dangerous step for real; it is tied to this exact SQL. */
  confirmationToken: string;
  /** The SQL as shown and journaled: secret placeholders' values masked. */
  shownSql: string;
  /** Values of the secret placeholders, kept out of everything shown or journaled. */
  secretValues: string[];
};

/** What happened when a SQL step was asked to run. */
export type SqlStepOutcome =
  | {kind: 'read'; results: BoundedResult[]}
  | {kind: 'preview'; rolledBack: true; statements: PreviewedStatement[]; confirmationToken: string}
  | {
      kind: 'needs-confirmation';
      /** `dangerous`, or a `write` that calls functions a preview would run for real. */
      sqlClass: 'write' | 'dangerous';
      sql: string;
      reasons: string[];
      confirmationToken: string;
    }
  | {
      kind: 'executed';
      statements: Array<{text: string; rowsAffected: number | null; result: BoundedResult}>;
    }
  | {kind: 'refused'; reason: string}
  | ({kind: 'failed'; error: string} & SqlFailureDetail);

/**
 * What PostgreSQL said about a failure beyond its message: its `detail` and `hint`, and where
 * in the step it points (`at`: "statement 2, line 3, column 8: WHERE nope = 1").
 */
export type SqlFailureDetail = {
  detail?: string;
  hint?: string;
  at?: string;
  /** 1-based statement of the step and character in it that PostgreSQL pointed at. */
  statement?: number;
  position?: number;
};

/** One write statement of a preview: how many rows it would change and a sample of them. */
export type PreviewedStatement = {text: string; rowsChanged: number | null; sample: BoundedResult};

/** Safety settings of a preview: it must never wait long on production. */
export const previewTimeouts = {lockTimeoutMs: 500, statementTimeoutMs: 3000};
const sampleRows = 10;
const previewPrefix = 'WITH cockpit_preview AS (\n';
const countColumn = 'cockpit_rows_changed';

function tokenFor(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 12);
}

/** Binds a SQL code block's placeholders and classifies the result; errors name what is wrong. */
export function prepareSqlStep(
  code: CodeBlock,
  values: Readonly<Record<string, string>> = {},
): PreparedSqlStep | {error: string} {
  const bound = bindSqlPlaceholders(code.text, code.placeholders, values);
  if ('error' in bound) return bound;
  const secretValues = secretValuesOf(code.placeholders, values);
  const shown = bindSqlPlaceholders(
    code.text,
    code.placeholders,
    maskSecretValues(code.placeholders, values),
  );
  return {
    sql: bound.sql,
    classification: classifySql(bound.sql),
    confirmationToken: tokenFor(bound.sql),
    shownSql: 'sql' in shown ? shown.sql : withoutSecretValues(bound.sql, secretValues),
    secretValues,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where `position` (1-based character) falls in `text`: its line, column and that line. */
function pointAt(text: string, position: number): string {
  const before = text.slice(0, position - 1);
  const line = before.split('\n').length;
  const column = position - 1 - before.lastIndexOf('\n');
  const lineText = (text.split('\n')[line - 1] ?? '').trim();
  return `line ${line}, column ${column}: ${lineText}`;
}

/** A failed outcome with what the server said; `texts` are the step's statements as written. */
function failure(error: unknown, texts: readonly string[]): SqlStepOutcome {
  const fields = databaseErrorFields(error);
  const outcome: SqlStepOutcome = {kind: 'failed', error: errorText(error)};
  if (fields.detail) outcome.detail = fields.detail;
  if (fields.hint) outcome.hint = fields.hint;
  const text = fields.statementIndex === undefined ? undefined : texts[fields.statementIndex];
  if (text !== undefined && fields.position !== undefined) {
    outcome.statement = fields.statementIndex! + 1;
    outcome.position = fields.position;
    const where = pointAt(text, fields.position);
    outcome.at = texts.length > 1 ? `statement ${outcome.statement}, ${where}` : where;
  }
  return outcome;
}

/**
 * The statement that previews one write: an INSERT/UPDATE/DELETE without its own WITH clause is
 * wrapped in a data-modifying CTE (adding `RETURNING *` when it has none) so one round trip
 * yields the number of rows it changes and a bounded sample of them.
 */
function previewStatement(statement: StatementClassification): {text: string; counted: boolean} {
  const wrappable =
    ['InsertStmt', 'UpdateStmt', 'DeleteStmt'].includes(statement.statementType) &&
    !statement.hasWith;
  if (!wrappable) return {text: statement.text, counted: false};
  const body = statement.text.replace(/;\s*$/, '');
  // A newline first: the statement may end in a `--` comment.
  const text = `${previewPrefix}${body}${statement.hasReturning ? '' : '\nRETURNING *'}\n)\nSELECT *, count(*) OVER () AS ${countColumn} FROM cockpit_preview LIMIT ${sampleRows}`;
  return 'error' in parseSql(text) ? {text: statement.text, counted: false} : {text, counted: true};
}

/**
 * Runs a prepared SQL step. Reads run in a READ ONLY transaction. A write without a token is
 * previewed in a transaction that is always rolled back, under short lock and statement
 * timeouts; with the token it runs for real. A dangerous step is never previewed: without the
 * token it only reports what would run, and so does a write that calls a function a preview would
 * run for real. Whether it may run at all under `--read-only` is the write pipeline's one check
 * (source/actions/read-only-check.ts), not this function's. Every transaction
 * ends by releasing advisory locks and resetting settings the step may have left behind.
 */
export async function runSqlStep(
  database: StepDatabase,
  prepared: PreparedSqlStep,
  options: {confirmationToken?: string; limits?: ResultLimits} = {},
): Promise<SqlStepOutcome> {
  const {classification, sql} = prepared;
  const limits = options.limits ?? defaultResultLimits;
  const texts = classification.statements.map((statement) => statement.text);
  if (classification.sqlClass === 'unparseable')
    return {kind: 'refused', reason: `not valid PostgreSQL: ${classification.error}`};
  const confirmed =
    options.confirmationToken !== undefined && options.confirmationToken === tokenFor(sql);
  if (options.confirmationToken !== undefined && !confirmed)
    return {
      kind: 'refused',
      reason: 'the confirmation does not match this SQL; prepare the step again',
    };
  try {
    if (classification.sqlClass === 'read') {
      const shadowed = confirmed ? [] : await shadowedBuiltIns(database, classification);
      if (shadowed.length > 0)
        return {
          kind: 'needs-confirmation',
          sqlClass: 'write',
          sql,
          reasons: shadowed,
          confirmationToken: prepared.confirmationToken,
        };
      const results = await database.transaction(texts, {readOnly: true, resetSession: true});
      return {kind: 'read', results: results.map((result) => boundResult(result, limits))};
    }
    const previewable = classification.statements.every((statement) => statement.previewable);
    if (!confirmed && (classification.sqlClass === 'dangerous' || !previewable)) {
      const reasons = classification.statements.flatMap((statement) => statement.reasons);
      return {
        kind: 'needs-confirmation',
        sqlClass: classification.sqlClass,
        sql,
        reasons,
        confirmationToken: prepared.confirmationToken,
      };
    }
    if (!confirmed)
      return await preview(database, classification.statements, prepared.confirmationToken, limits);
    const results = await database.transaction(texts, {readOnly: false, resetSession: true});
    return {
      kind: 'executed',
      statements: results.map((result, index) => ({
        text: texts[index]!,
        rowsAffected: result.rowCount,
        result: boundResult(result, limits),
      })),
    };
  } catch (error) {
    return failure(error, texts);
  }
}

/**
 * Why a read's unqualified built-in calls may not reach the built-ins: a function of the same
 * name outside pg_catalog (a user's, an extension's) can win overload resolution (`lower(varchar)`
 * in public beats `pg_catalog.lower(text)`), so the live catalog is asked. Empty when none is.
 */
async function shadowedBuiltIns(
  database: StepDatabase,
  classification: SqlClassification,
): Promise<string[]> {
  const names = [...new Set(classification.statements.flatMap((item) => item.builtInCalls))];
  if (names.length === 0) return [];
  const list = names.map((name) => `'${name.replaceAll("'", "''")}'`).join(', ');
  const [result] = await database.transaction(
    [
      `SELECT p.proname AS name, string_agg(DISTINCT n.nspname, ', ' ORDER BY n.nspname) AS schemas
       FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
       WHERE p.proname IN (${list}) AND n.nspname <> 'pg_catalog'
       GROUP BY p.proname ORDER BY p.proname`,
    ],
    {readOnly: true},
  );
  return (result?.rows ?? []).map(
    (row) =>
      `${String(row.name)}() is also defined in ${String(row.schemas)}, so the call may not be the built-in`,
  );
}

async function preview(
  database: StepDatabase,
  statements: readonly StatementClassification[],
  confirmationToken: string,
  limits: ResultLimits,
): Promise<SqlStepOutcome> {
  const planned = statements.map(previewStatement);
  const results = await database
    .transaction(
      planned.map((item) => item.text),
      {readOnly: false, rollback: true, resetSession: true, ...previewTimeouts},
    )
    .catch((error: unknown) => {
      // The server points into the wrapped statement: point into the step's own text instead.
      const {statementIndex, position} = databaseErrorFields(error);
      const wrapped = statementIndex === undefined ? undefined : planned[statementIndex];
      if (wrapped?.counted && position !== undefined) {
        const inStatement = position - previewPrefix.length;
        const fits = inStatement >= 1 && inStatement <= statements[statementIndex!]!.text.length;
        Object.assign(error as object, {position: fits ? inStatement : undefined});
      }
      throw error;
    });
  return {
    kind: 'preview',
    rolledBack: true,
    confirmationToken,
    statements: results.map((result, index) => {
      const counted = planned[index]!.counted;
      const rowsChanged = counted ? Number(result.rows[0]?.[countColumn] ?? 0) : result.rowCount;
      return {
        text: statements[index]!.text,
        rowsChanged,
        sample: boundResult(
          result,
          {...limits, maxRows: Math.min(limits.maxRows, sampleRows)},
          counted ? [countColumn] : [],
        ),
      };
    }),
  };
}
