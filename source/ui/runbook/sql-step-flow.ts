import {loadSqlParserInBackground} from '../../app/load-runbooks';
import type {CodeBlock} from '../../runbooks/runbook-model';
import {isSqlParserLoaded} from '../../runbooks/sql-parser';
import {
  type PreparedSqlStep,
  prepareSqlStep,
  type SqlStepOutcome,
} from '../../runbooks/step-runner';
import type {FlatStep} from './navigator-types';
import {dangerousWord, type FlowContext, notice, runWord} from './run-flow';
import {type StepOutcomeView, sqlOutcomeView, tableDetailLines} from './step-outcome-view';
import {stepRefOf} from './step-ref';

/**
 * Runs a SQL block (placeholders already answered) through the write pipeline: a read shows its
 * rows; a write shows its preview and asks for `run`; dangerous SQL asks for `dangerous`. The
 * pipeline journals each outcome before it comes back to be shown.
 */
export function runSqlFlow(context: FlowContext, step: FlatStep, code: CodeBlock): void {
  const {store, actions, show} = context;
  // The parser loads when a runbook opens; a step run in its first moments waits for it.
  if (!isSqlParserLoaded()) {
    show(step, notice('loading the SQL parser…', 'warn'));
    void loadSqlParserInBackground(store).then(() => {
      if (isSqlParserLoaded()) runSqlFlow(context, step, code);
      else show(step, notice('cannot run: the SQL parser could not be loaded', 'critical'));
    });
    return;
  }
  const prepared = prepareSqlStep(code, store.getState().runbook.values);
  if ('error' in prepared) {
    show(step, notice(`cannot run: ${prepared.error}`, 'critical'));
    return;
  }
  show(step, notice('running…', 'warn'));
  void actions
    .runRunbookSql({step: stepRefOf(context.runbook, step), prepared})
    .then((outcome) => finish(context, step, prepared, outcome));
}

function finish(
  context: FlowContext,
  step: FlatStep,
  prepared: PreparedSqlStep,
  outcome: SqlStepOutcome,
): void {
  const shown = sqlOutcomeView(outcome);
  context.show(step, shown);
  if (outcome.kind === 'preview' || outcome.kind === 'needs-confirmation')
    confirm(context, step, prepared, outcome, shown);
}

function confirm(
  context: FlowContext,
  step: FlatStep,
  prepared: PreparedSqlStep,
  outcome: Extract<SqlStepOutcome, {kind: 'preview' | 'needs-confirmation'}>,
  shown: StepOutcomeView,
): void {
  const {actions, setFlow, show} = context;
  const ref = stepRefOf(context.runbook, step);
  const unpreviewed = outcome.kind === 'needs-confirmation';
  const dangerous = unpreviewed && outcome.sqlClass === 'dangerous';
  setFlow({
    kind: 'confirm',
    id: `sql:${step.key}`,
    title: dangerous
      ? 'Run this DANGEROUS SQL?'
      : unpreviewed
        ? 'Run this write? It calls functions a preview would run for real, so it was not previewed'
        : `Run this write? ${shown.view.summary}`,
    details: [
      ...(unpreviewed ? [shown.view.summary] : []),
      'SQL that will run:',
      prepared.shownSql,
      ...(unpreviewed
        ? []
        : ['Sample of the rows it would change:', ...tableDetailLines(shown.view)]),
    ],
    word: dangerous ? dangerousWord : runWord,
    onConfirm: () => {
      setFlow(undefined);
      show(step, notice('running…', 'warn'));
      void actions
        .runRunbookSql({step: ref, prepared, confirmationToken: outcome.confirmationToken})
        .then((executed) => finish(context, step, prepared, executed));
    },
    onCancel: () => {
      setFlow(undefined);
      show(step, notice('cancelled: nothing ran', 'warn'));
      void actions.cancelRunbookStep?.(ref, {sql: prepared.shownSql});
    },
  });
}
