import type {CodeBlock} from '../../runbooks/runbook-model';
import {
  type PreparedSqlStep,
  prepareSqlStep,
  type SqlStepOutcome,
} from '../../runbooks/step-runner';
import type {FlatStep} from './navigator-types';
import {dangerousWord, type FlowContext, notice, runWord} from './run-flow';
import {type StepOutcomeView, sqlOutcomeView, tableDetailLines} from './step-outcome-view';

/**
 * Runs a SQL block (placeholders already answered): a read shows its rows; a write shows its
 * preview and asks for `run`; dangerous SQL asks for `dangerous`; everything is journaled.
 */
export function runSqlFlow(context: FlowContext, step: FlatStep, code: CodeBlock): void {
  const {store, actions, journal, show} = context;
  const prepared = prepareSqlStep(code, store.getState().runbook.values);
  if ('error' in prepared) {
    show(step, notice(`cannot run: ${prepared.error}`, 'critical'));
    return;
  }
  // Under --read-only anything but a read is refused before it starts (runSqlStep says why).
  const readOnly = store.getState().ui.readOnly;
  if (!readOnly || prepared.classification.sqlClass === 'read')
    journal('started', step, '', {sql: prepared.sql});
  show(step, notice('running…', 'warn'));
  void actions.runRunbookSql(prepared).then((outcome) => finish(context, step, prepared, outcome));
}

function finish(
  context: FlowContext,
  step: FlatStep,
  prepared: PreparedSqlStep,
  outcome: SqlStepOutcome,
): void {
  const shown = sqlOutcomeView(outcome);
  context.show(step, shown);
  if (outcome.kind === 'preview' || outcome.kind === 'needs-confirmation') {
    confirm(context, step, prepared, outcome, shown);
    return;
  }
  const state =
    outcome.kind === 'failed' ? 'failed' : outcome.kind === 'refused' ? 'refused' : 'run';
  context.journal(state, step, shown.view.summary, {
    sql: prepared.sql,
    outcome: shown.view.summary,
  });
}

function confirm(
  context: FlowContext,
  step: FlatStep,
  prepared: PreparedSqlStep,
  outcome: Extract<SqlStepOutcome, {kind: 'preview' | 'needs-confirmation'}>,
  shown: StepOutcomeView,
): void {
  const {actions, journal, setFlow, show} = context;
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
      prepared.sql,
      ...(unpreviewed
        ? []
        : ['Sample of the rows it would change:', ...tableDetailLines(shown.view)]),
    ],
    word: dangerous ? dangerousWord : runWord,
    onConfirm: () => {
      setFlow(undefined);
      show(step, notice('running…', 'warn'));
      void actions
        .runRunbookSql(prepared, {confirmationToken: outcome.confirmationToken})
        .then((executed) => finish(context, step, prepared, executed));
    },
    onCancel: () => {
      setFlow(undefined);
      show(step, notice('cancelled: nothing ran', 'warn'));
      journal('cancelled', step, 'confirmation cancelled, nothing ran', {sql: prepared.sql});
    },
  });
}
