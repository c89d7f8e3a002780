import type {BoundedResult} from './result-table';
import type {ShellOutcome} from './shell-runner';
import type {SqlStepOutcome} from './step-runner';

/** A shell step's outcome, or why it did not run. */
export type ShellStepOutcome = ({kind: 'ran'} & ShellOutcome) | {kind: 'refused'; reason: string};

/** Lines of a shell step's output kept under the step. */
export const shellOutputLineLimit = 40;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The result worth showing of a step: the last one that has columns. */
export function shownResult(results: readonly BoundedResult[]): BoundedResult | undefined {
  return [...results].reverse().find((candidate) => candidate.columns.length > 0);
}

/** " (3 more rows not shown)" when the shown result was cut, else "". */
function omittedText(results: readonly BoundedResult[]): string {
  const result = shownResult(results);
  if (!result) return '';
  const omitted = [
    result.omittedRows > 0 ? `${result.omittedRows} more rows` : '',
    result.omittedColumns > 0 ? `${result.omittedColumns} more columns` : '',
  ].filter(Boolean);
  return omitted.length > 0 ? ` (${omitted.join(', ')} not shown)` : '';
}

/** A SQL step's outcome in one line, the same on screen and in the journal. */
export function sqlOutcomeSummary(outcome: SqlStepOutcome): string {
  switch (outcome.kind) {
    case 'read': {
      const rows = outcome.results.at(-1)?.rowCount ?? 0;
      return `read: ${plural(rows, 'row')}${omittedText(outcome.results)}`;
    }
    case 'preview': {
      const changed = outcome.statements.reduce((sum, item) => sum + (item.rowsChanged ?? 0), 0);
      const more = omittedText(outcome.statements.map((item) => item.sample));
      return `preview (rolled back): would change ${plural(changed, 'row')}${more}`;
    }
    case 'needs-confirmation':
      return `${outcome.sqlClass === 'dangerous' ? 'dangerous' : 'write, not previewed'}: ${outcome.reasons.join('; ') || 'needs confirmation'}`;
    case 'executed': {
      const affected = outcome.statements.reduce((sum, item) => sum + (item.rowsAffected ?? 0), 0);
      const more = omittedText(outcome.statements.map((item) => item.result));
      return `executed: ${plural(affected, 'row')} affected${more}`;
    }
    case 'refused':
      return `refused: ${outcome.reason}`;
    case 'failed':
      return `failed: ${outcome.error}`;
  }
}

/** A failed step's detail, hint and position as PostgreSQL gave them, one line each. */
export function sqlFailureLines(outcome: Extract<SqlStepOutcome, {kind: 'failed'}>): string[] {
  return [
    outcome.detail ? `detail: ${outcome.detail}` : '',
    outcome.hint ? `hint: ${outcome.hint}` : '',
    outcome.at ? `at ${outcome.at}` : '',
  ].filter(Boolean);
}

/** A shell step's outcome in one line: how it ended, and whether its output was cut. */
export function shellOutcomeSummary(outcome: ShellStepOutcome): string {
  if (outcome.kind === 'refused') return `refused: ${outcome.reason}`;
  const how = outcome.timedOut
    ? 'timed out (killed)'
    : outcome.signal
      ? `killed by ${outcome.signal}`
      : `exit ${outcome.exitCode ?? '?'}`;
  const lines = shellOutputLines(outcome);
  const dropped = lines.length - shellOutputLineLimit + (outcome.omittedBytes > 0 ? 1 : 0);
  return `${how}${dropped > 0 ? ' (output cut)' : ''}`;
}

/** The non-blank lines a shell step printed, stdout then stderr. */
export function shellOutputLines(outcome: Extract<ShellStepOutcome, {kind: 'ran'}>): string[] {
  return `${outcome.stdout}${outcome.stderr ? `\n${outcome.stderr}` : ''}`
    .split('\n')
    .filter((line) => line.trim() !== '');
}
