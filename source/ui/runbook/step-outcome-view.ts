import type {ShellStepOutcome} from '../../app/runbook-step-actions';
import type {BoundedResult} from '../../runbooks/result-table';
import type {SqlStepOutcome} from '../../runbooks/step-runner';
import type {StepResultView} from '../../store/slices/runbook-slice';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {StepStatus} from './navigator-types';

/** How a run ends up on screen, in the journal and in the step's status. */
export type StepOutcomeView = {view: StepResultView; status?: StepStatus};

const maxOutputLines = 40;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The table worth showing: the last result that has columns. */
function shownTable(results: readonly BoundedResult[]) {
  const result = [...results].reverse().find((candidate) => candidate.columns.length > 0);
  if (!result) return {columns: [], rows: [], more: ''};
  const omitted = [
    result.omittedRows > 0 ? `${result.omittedRows} more rows` : '',
    result.omittedColumns > 0 ? `${result.omittedColumns} more columns` : '',
  ].filter(Boolean);
  return {
    columns: result.columns,
    rows: result.rows,
    more: omitted.length > 0 ? ` (${omitted.join(', ')} not shown)` : '',
  };
}

/** A SQL step's outcome as a result view; reads and executions are done, failures failed. */
export function sqlOutcomeView(outcome: SqlStepOutcome): StepOutcomeView {
  switch (outcome.kind) {
    case 'read': {
      const table = shownTable(outcome.results);
      const rows = outcome.results.at(-1)?.rowCount ?? 0;
      const summary = `read: ${plural(rows, 'row')}${table.more}`;
      return {view: {summary, tone: 'ok', ...table}, status: 'done'};
    }
    case 'preview': {
      const changed = outcome.statements.reduce((sum, item) => sum + (item.rowsChanged ?? 0), 0);
      const table = shownTable(outcome.statements.map((item) => item.sample));
      const summary = `preview (rolled back): would change ${plural(changed, 'row')}${table.more}`;
      return {view: {summary, tone: 'warn', ...table}};
    }
    case 'needs-confirmation':
      return {
        view: {
          summary: `${outcome.sqlClass === 'dangerous' ? 'dangerous' : 'write, not previewed'}: ${outcome.reasons.join('; ') || 'needs confirmation'}`,
          tone: 'warn',
          columns: [],
          rows: [],
        },
      };
    case 'executed': {
      const affected = outcome.statements.reduce((sum, item) => sum + (item.rowsAffected ?? 0), 0);
      const table = shownTable(outcome.statements.map((item) => item.result));
      const summary = `executed: ${plural(affected, 'row')} affected${table.more}`;
      return {view: {summary, tone: 'ok', ...table}, status: 'done'};
    }
    case 'refused':
      return {
        view: {summary: `refused: ${outcome.reason}`, tone: 'critical', columns: [], rows: []},
      };
    case 'failed':
      return {
        view: {summary: `failed: ${outcome.error}`, tone: 'critical', columns: [], rows: []},
        status: 'failed',
      };
  }
}

/** A shell step's outcome: exit status as the summary, output lines (bounded) as a table. */
export function shellOutcomeView(outcome: ShellStepOutcome): StepOutcomeView {
  if (outcome.kind === 'refused')
    return {view: {summary: `refused: ${outcome.reason}`, tone: 'critical', columns: [], rows: []}};
  const ok = outcome.exitCode === 0 && !outcome.timedOut;
  const how = outcome.timedOut
    ? 'timed out (killed)'
    : outcome.signal
      ? `killed by ${outcome.signal}`
      : `exit ${outcome.exitCode ?? '?'}`;
  const lines = `${outcome.stdout}${outcome.stderr ? `\n${outcome.stderr}` : ''}`
    .split('\n')
    .filter((line) => line.trim() !== '');
  const dropped = lines.length - maxOutputLines + (outcome.omittedBytes > 0 ? 1 : 0);
  const summary = `${how}${dropped > 0 ? ' (output cut)' : ''}`;
  return {
    view: {
      summary,
      tone: ok ? 'ok' : 'critical',
      columns: lines.length > 0 ? ['output'] : [],
      rows: lines
        .slice(0, maxOutputLines)
        .map((line) => [sanitizeTerminalText(line, {maxLength: 400})]),
    },
    status: ok ? 'done' : 'failed',
  };
}

/** Lines of a bounded table for a confirmation: header and up to `maxRows` rows. */
export function tableDetailLines(view: StepResultView, maxRows = 5): string[] {
  if (view.columns.length === 0) return [];
  return [
    view.columns.join(' | '),
    ...view.rows.slice(0, maxRows).map((cells) => cells.join(' | ')),
    ...(view.rows.length > maxRows ? [`… ${view.rows.length - maxRows} more sample rows`] : []),
  ];
}
