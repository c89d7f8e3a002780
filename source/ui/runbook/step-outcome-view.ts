import type {BoundedResult} from '../../runbooks/result-table';
import type {StepStatus} from '../../runbooks/runbook-model';
import {
  type ShellStepOutcome,
  shellOutcomeSummary,
  shellOutputLineLimit,
  shellOutputLines,
  shownResult,
  sqlFailureLines,
  sqlOutcomeSummary,
} from '../../runbooks/step-outcome-summary';
import type {SqlStepOutcome} from '../../runbooks/step-runner';
import type {StepResultView} from '../../store/slices/runbook-slice';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';

/** How a run ends up on screen, in the journal and in the step's status. */
export type StepOutcomeView = {view: StepResultView; status?: StepStatus};

/** The table worth showing: the last result that has columns. */
function shownTable(results: readonly BoundedResult[]) {
  const result = shownResult(results);
  return result ? {columns: result.columns, rows: result.rows} : {columns: [], rows: []};
}

/** A SQL step's outcome as a result view; reads and executions are done, failures failed. */
export function sqlOutcomeView(outcome: SqlStepOutcome): StepOutcomeView {
  const summary = sqlOutcomeSummary(outcome);
  switch (outcome.kind) {
    case 'read':
      return {view: {summary, tone: 'ok', ...shownTable(outcome.results)}, status: 'done'};
    case 'preview':
      return {
        view: {summary, tone: 'warn', ...shownTable(outcome.statements.map((item) => item.sample))},
      };
    case 'needs-confirmation':
      return {view: {summary, tone: 'warn', columns: [], rows: []}};
    case 'executed':
      return {
        view: {summary, tone: 'ok', ...shownTable(outcome.statements.map((item) => item.result))},
        status: 'done',
      };
    case 'refused':
      return {view: {summary, tone: 'critical', columns: [], rows: []}};
    case 'failed': {
      // PostgreSQL's detail, hint and where it points, one line each under the message.
      const said = sqlFailureLines(outcome).map((line) => [
        sanitizeTerminalText(line, {maxLength: 400}),
      ]);
      return {
        view: {
          summary,
          tone: 'critical',
          columns: said.length > 0 ? ['PostgreSQL says'] : [],
          rows: said,
        },
        status: 'failed',
      };
    }
  }
}

/** A shell step's outcome: exit status as the summary, output lines (bounded) as a table. */
export function shellOutcomeView(outcome: ShellStepOutcome): StepOutcomeView {
  const summary = shellOutcomeSummary(outcome);
  if (outcome.kind === 'refused') return {view: {summary, tone: 'critical', columns: [], rows: []}};
  const ok = outcome.exitCode === 0 && !outcome.timedOut;
  const lines = shellOutputLines(outcome);
  return {
    view: {
      summary,
      tone: ok ? 'ok' : 'critical',
      columns: lines.length > 0 ? ['output'] : [],
      rows: lines
        .slice(0, shellOutputLineLimit)
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
