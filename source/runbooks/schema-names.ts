import pg from 'pg';
import type {ApplicationSettings} from '../config/application-settings';
import type {CodeBlock, Runbook, RunbookWarning, Step} from './runbook-model';

const {escapeIdentifier, escapeLiteral} = pg as unknown as {
  escapeIdentifier: (value: string) => string;
  escapeLiteral: (value: string) => string;
};

/**
 * The product's own names and values, as runbook SQL refers to them:
 * - `{{tables.dlq}}`, `{{columns.emails.status}}`: quoted identifiers. A column mapped to null
 *   does not exist in this product.
 * - `{{statuses.emails.failed}}`: every value that status has, as quoted literals separated by
 *   commas, for `IN (…)`; `{{status.emails.pending}}`: its first value, the one a step writes.
 * - `{{where.dlq}}`: the condition selecting dead letters (`deadLetterWhen`), `TRUE` when the
 *   table holds nothing else.
 */
export type SchemaNames = {
  tables: Readonly<Record<string, string>>;
  columns: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  statuses: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  conditions: Readonly<Record<string, string>>;
};

/** The application tables the library's runbooks name, beyond the panes' own. */
const libraryTables = [
  'audit_log',
  'audit_logs',
  'login_attempts',
  'api_keys',
  'api_request_logs',
  'lots',
  'reservations',
  'reservation_lines',
  'vouchers',
  'voucher_events',
  'payments',
];

/**
 * Status values the library's SQL uses on tables whose pane does not configure them; a product
 * renames them with `schema.statuses`.
 */
const libraryStatuses: Record<string, Record<string, string[]>> = {
  campaign_targets: {failed: ['failed'], sent: ['sent']},
};

/**
 * `{{tables.NAME}}`, `{{columns.TABLE.COLUMN}}`, `{{statuses.TABLE.STATUS}}`,
 * `{{status.TABLE.STATUS}}` or `{{where.NAME}}`, spaces inside the braces allowed.
 */
export const schemaNamePattern =
  /\{\{\s*(tables|columns|statuses|status|where)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?\s*\}\}/g;

/** Whether SQL still holds a `{{tables.…}}`-style reference (one that did not resolve). */
export function hasSchemaNameReference(sql: string): boolean {
  return new RegExp(schemaNamePattern.source).test(sql);
}

/** Whether a placeholder token is a configured name rather than a value to ask for. */
export function isSchemaNameToken(token: string): boolean {
  return new RegExp(`^${schemaNamePattern.source}$`).test(token.trim());
}

/**
 * The names runbooks may use: the panes' tables and columns (`tables.dlq`, `tables.emails`,
 * `tables.campaigns`, `tables.campaign_targets`, `columns.dlq.error`, …, exactly as the panes
 * are configured), the library's other application tables under their own names, and what the
 * configuration's `schema.tables` / `schema.columns` add or rename.
 */
export function schemaNamesFrom(
  settings: ApplicationSettings,
  configured: {
    tables?: Record<string, string>;
    columns?: Record<string, Record<string, string | null>>;
    statuses?: Record<string, Record<string, string | string[]>>;
  } = {},
): SchemaNames {
  const tables: Record<string, string> = {
    ...Object.fromEntries(libraryTables.map((name) => [name, name])),
    dlq: settings.dlq.table,
    emails: settings.emails.table,
    campaigns: settings.campaigns.table,
    campaign_targets: settings.campaigns.targets.table,
    ...configured.tables,
  };
  const columns: Record<string, Record<string, string | null>> = {
    dlq: {...settings.dlq.columns},
    emails: {...settings.emails.columns},
    campaigns: {...settings.campaigns.columns},
    campaign_targets: {...settings.campaigns.targets.columns},
  };
  for (const [table, mapping] of Object.entries(configured.columns ?? {}))
    columns[table] = {...columns[table], ...mapping};
  const statuses: Record<string, Record<string, string[]>> = {
    ...libraryStatuses,
    emails: {...settings.emails.statuses},
    campaigns: {running: [settings.campaigns.runningStatus]},
    campaign_targets: {
      ...libraryStatuses.campaign_targets,
      pending: settings.campaigns.targets.pendingStatuses,
    },
  };
  for (const [table, mapping] of Object.entries(configured.statuses ?? {}))
    statuses[table] = {
      ...statuses[table],
      ...Object.fromEntries(
        Object.entries(mapping).map(([key, values]) => [
          key,
          typeof values === 'string' ? [values] : values,
        ]),
      ),
    };
  return {tables, columns, statuses, conditions: {dlq: deadLetterCondition(settings.dlq)}};
}

/** The dead-letter pane's `deadLetterWhen` as SQL; every row when the table holds nothing else. */
function deadLetterCondition(dlq: ApplicationSettings['dlq']): string {
  const when = dlq.deadLetterWhen;
  if (!when) return 'TRUE';
  const column = escapeIdentifier(when.column);
  return 'equals' in when ? `(${column} = ${escapeLiteral(when.equals)})` : `(${column} IS TRUE)`;
}

/** The pane tables: their column and status keys are fixed by the pane, so any other is a mistake. */
const paneTables = new Set(['dlq', 'emails', 'campaigns', 'campaign_targets']);

/** A table name as a quoted identifier, `schema.table` as two. */
function quotedTable(name: string): string {
  return name
    .split('.')
    .map((part) => escapeIdentifier(part))
    .join('.');
}

/** What one `{{…}}` reference resolves to, or why it cannot. */
function resolveReference(
  names: SchemaNames,
  kind: string,
  first: string,
  second: string | undefined,
): {sql: string} | {error: string} {
  if (kind === 'where') {
    if (second !== undefined) return {error: `{{where.${first}.${second}}}: expected where.NAME`};
    const condition = names.conditions[first];
    return condition
      ? {sql: condition}
      : {
          error: `unknown condition where.${first} (known: ${Object.keys(names.conditions).join(', ')})`,
        };
  }
  if (kind === 'statuses' || kind === 'status') return resolveStatus(names, kind, first, second);
  if (kind === 'tables') {
    if (second !== undefined) return {error: `{{tables.${first}.${second}}}: a table has one name`};
    const table = names.tables[first];
    return table ? {sql: quotedTable(table)} : {error: `unknown table name tables.${first}`};
  }
  if (second === undefined) return {error: `{{columns.${first}}}: expected columns.TABLE.COLUMN`};
  if (!names.tables[first]) return {error: `unknown table name columns.${first}.${second}`};
  const mapping = names.columns[first] ?? {};
  if (second in mapping) {
    const column = mapping[second];
    return column
      ? {sql: escapeIdentifier(column)}
      : {error: `columns.${first}.${second} is configured as absent (null)`};
  }
  if (paneTables.has(first))
    return {
      error: `unknown column name columns.${first}.${second} (known: ${Object.keys(mapping).join(', ')})`,
    };
  return {sql: escapeIdentifier(second)};
}

/** `{{statuses.T.S}}` as the quoted list of its values, `{{status.T.S}}` as its first one. */
function resolveStatus(
  names: SchemaNames,
  kind: 'statuses' | 'status',
  first: string,
  second: string | undefined,
): {sql: string} | {error: string} {
  if (second === undefined) return {error: `{{${kind}.${first}}}: expected ${kind}.TABLE.STATUS`};
  if (!names.tables[first]) return {error: `unknown table name ${kind}.${first}.${second}`};
  const known = names.statuses[first] ?? {};
  const values = known[second];
  if (values === undefined && paneTables.has(first))
    return {
      error: `unknown status ${kind}.${first}.${second} (known: ${Object.keys(known).join(', ') || 'none'}; add it under schema.statuses.${first})`,
    };
  // Another table's status is its own name until the configuration renames it.
  const list = values ?? [second];
  if (list.length === 0) return {error: `${kind}.${first}.${second} has no values configured`};
  const literals = kind === 'status' ? [list[0]!] : list;
  return {sql: literals.map((value) => escapeLiteral(value)).join(', ')};
}

/** `= {{statuses.…}}`: breaks as soon as a product configures two values for the status. */
const comparedStatusList = /(?:=|<>|!=)\s*$/;

/**
 * SQL with every `{{tables.…}}` / `{{columns.…}}` replaced by its quoted identifier, every
 * `{{statuses.…}}` / `{{status.…}}` by quoted literals and `{{where.…}}` by its condition. An unknown
 * name is reported and left in place, so the SQL fails to parse rather than run against the
 * wrong table.
 */
export function resolveSchemaNames(
  sql: string,
  names: SchemaNames,
): {sql: string; errors: string[]} {
  const errors: string[] = [];
  const resolved = sql.replace(
    schemaNamePattern,
    (
      match,
      kind: string,
      first: string,
      second: string | undefined,
      offset: number,
      whole: string,
    ) => {
      if (kind === 'statuses' && comparedStatusList.test(whole.slice(0, offset)))
        errors.push(
          `compare {{statuses.${first}.${second ?? ''}}} with IN (…), which holds every configured value; {{status.${first}.${second ?? ''}}} is the one value a step writes`,
        );
      const result = resolveReference(names, kind, first, second);
      if ('error' in result) {
        errors.push(result.error);
        return match;
      }
      return result.sql;
    },
  );
  return {sql: resolved, errors};
}

function resolveBlock(code: CodeBlock, names: SchemaNames, warnings: RunbookWarning[]): CodeBlock {
  if (!code.text.includes('{{')) return code;
  const {sql, errors} = resolveSchemaNames(code.text, names);
  for (const error of errors) warnings.push({line: code.line, level: 'error', message: error});
  return {
    ...code,
    text: sql,
    // Configured names are never asked for: drop them if placeholder detection saw them.
    placeholders: code.placeholders.filter((placeholder) => !isSchemaNameToken(placeholder.token)),
  };
}

function resolveStep(step: Step, names: SchemaNames, warnings: RunbookWarning[]): Step {
  return {
    ...step,
    code: step.code.map((code) => resolveBlock(code, names, warnings)),
    steps: step.steps.map((child) => resolveStep(child, names, warnings)),
  };
}

/**
 * The runbook with configured names substituted in its code blocks (before anything asks for
 * placeholders); unknown names become lint errors on the block's line.
 */
export function applySchemaNames(runbook: Runbook, names: SchemaNames): Runbook {
  const warnings: RunbookWarning[] = [];
  const incidents = runbook.incidents.map((incident) => ({
    ...incident,
    phases: incident.phases.map((phase) => ({
      ...phase,
      steps: phase.steps.map((step) => resolveStep(step, names, warnings)),
    })),
  }));
  return {
    ...runbook,
    incidents,
    warnings: [...runbook.warnings, ...warnings].sort((left, right) => left.line - right.line),
  };
}
