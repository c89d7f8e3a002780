import {useEffect, useState} from 'react';
import type {CodeBlock, Runbook} from '../../runbooks/runbook-model';
import {bindShellPlaceholders} from '../../runbooks/shell-placeholders';
import {
  type PreparedSqlStep,
  prepareSqlStep,
  type SqlStepOutcome,
} from '../../runbooks/step-runner';
import type {StepResultView} from '../../store/slices/runbook-slice';
import {useCockpitActions} from '../cockpit-actions';
import {useCockpitStore} from '../store-context';
import type {FlatStep} from './navigator-types';
import {
  codeKindOf,
  missingPlaceholders,
  placeholderQuestion,
  shellPlaceholdersToBind,
} from './step-code';
import {
  type StepOutcomeView,
  shellOutcomeView,
  sqlOutcomeView,
  tableDetailLines,
} from './step-outcome-view';
import {useRunbookJournal} from './use-runbook-journal';

/** What the navigator shows instead of its keys while a step runs: a question or a confirmation. */
export type RunFlow =
  | {kind: 'ask'; id: string; label: string; onSubmit: (text: string) => void; onCancel: () => void}
  | {
      kind: 'confirm';
      id: string;
      title: string;
      details: string[];
      word: string;
      onConfirm: () => void;
      onCancel: () => void;
    };

/** The overlay the navigator owns while a flow is open (App's keys stay away). */
export const runFlowOverlay = 'runbook-run';
/** The word that confirms a write, a shell command or a batch of reads. */
export const runWord = 'run';
/** The word that confirms a dangerous SQL step (DDL, pg_terminate_backend, …). */
export const dangerousWord = 'dangerous';

const notice = (summary: string, tone: StepResultView['tone']): StepOutcomeView => ({
  view: {summary, tone, columns: [], rows: []},
});

/** Runs the current step's code block: asks for placeholders, previews, confirms, runs, journals. */
export function useStepRunner(runbook: Runbook) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const journal = useRunbookJournal(runbook);
  const [flow, setFlowState] = useState<RunFlow>();
  const setFlow = (next: RunFlow | undefined) => {
    setFlowState(next);
    store.getState().updateUi({overlay: next ? runFlowOverlay : undefined});
  };
  useEffect(
    () => () => {
      if (store.getState().ui.overlay === runFlowOverlay)
        store.getState().updateUi({overlay: undefined});
    },
    [store],
  );
  const show = (step: FlatStep, outcome: StepOutcomeView) => {
    store.getState().setStepResult(step.key, outcome.view);
    if (outcome.status) store.getState().setStepStatus(step.key, outcome.status);
  };

  /** Asks for each missing placeholder in turn; values are remembered for the runbook. */
  const askValues = (code: CodeBlock, then: () => void) => {
    const missing = missingPlaceholders(code, store.getState().runbook.values);
    const next = (index: number) => {
      const placeholder = missing[index];
      if (!placeholder) {
        setFlow(undefined);
        return then();
      }
      setFlow({
        kind: 'ask',
        id: `${code.line}:${placeholder.name}`,
        label: placeholderQuestion(placeholder),
        onSubmit: (text) => {
          if (text !== '' || placeholder.kind !== 'environment')
            store.getState().setPlaceholderValue(placeholder.name, text);
          next(index + 1);
        },
        onCancel: () => setFlow(undefined),
      });
    };
    next(0);
  };

  const finishSql = (step: FlatStep, prepared: PreparedSqlStep, outcome: SqlStepOutcome) => {
    const shown = sqlOutcomeView(outcome);
    show(step, shown);
    if (outcome.kind === 'preview') return confirmSql(step, prepared, outcome, shown);
    if (outcome.kind === 'needs-confirmation') return confirmSql(step, prepared, outcome, shown);
    const state =
      outcome.kind === 'failed' ? 'failed' : outcome.kind === 'refused' ? 'refused' : 'run';
    journal(state, step, shown.view.summary, {sql: prepared.sql, outcome: shown.view.summary});
  };

  const confirmSql = (
    step: FlatStep,
    prepared: PreparedSqlStep,
    outcome: Extract<SqlStepOutcome, {kind: 'preview' | 'needs-confirmation'}>,
    shown: StepOutcomeView,
  ) => {
    const dangerous = outcome.kind === 'needs-confirmation';
    setFlow({
      kind: 'confirm',
      id: `sql:${step.key}`,
      title: dangerous ? 'Run this DANGEROUS SQL?' : `Run this write? ${shown.view.summary}`,
      details: [
        ...(dangerous ? [shown.view.summary] : []),
        'SQL that will run:',
        prepared.sql,
        ...(dangerous
          ? []
          : ['Sample of the rows it would change:', ...tableDetailLines(shown.view)]),
      ],
      word: dangerous ? dangerousWord : runWord,
      onConfirm: () => {
        setFlow(undefined);
        show(step, notice('running…', 'warn'));
        void actions
          .runRunbookSql(prepared, {confirmationToken: outcome.confirmationToken})
          .then((executed) => finishSql(step, prepared, executed));
      },
      onCancel: () => {
        setFlow(undefined);
        show(step, notice('cancelled: nothing ran', 'warn'));
        journal('cancelled', step, 'confirmation cancelled, nothing ran', {sql: prepared.sql});
      },
    });
  };

  const runSql = (step: FlatStep, code: CodeBlock) => {
    const prepared = prepareSqlStep(code, store.getState().runbook.values);
    if ('error' in prepared) return show(step, notice(`cannot run: ${prepared.error}`, 'critical'));
    // Under --read-only anything but a read is refused before it starts (runSqlStep says why).
    const readOnly = store.getState().ui.readOnly;
    if (!readOnly || prepared.classification.sqlClass === 'read')
      journal('started', step, '', {sql: prepared.sql});
    show(step, notice('running…', 'warn'));
    void actions.runRunbookSql(prepared).then((outcome) => finishSql(step, prepared, outcome));
  };

  const runShell = (step: FlatStep, code: CodeBlock) => {
    const values = store.getState().runbook.values;
    const bound = bindShellPlaceholders(code.text, shellPlaceholdersToBind(code, values), values);
    if ('error' in bound) return show(step, notice(`cannot run: ${bound.error}`, 'critical'));
    if (store.getState().ui.readOnly) {
      const refused = notice(
        'refused: read-only mode: shell steps are disabled (y copies)',
        'critical',
      );
      show(step, refused);
      return journal('refused', step, refused.view.summary, {command: bound.command});
    }
    const data = {command: bound.command, values: bound.environment};
    setFlow({
      kind: 'confirm',
      id: `shell:${step.key}`,
      title: 'Run this command? (30 s timeout, output kept short)',
      details: [
        bound.command,
        ...Object.entries(bound.environment).map(([name, value]) => `with ${name}=${value}`),
      ],
      word: runWord,
      onConfirm: () => {
        setFlow(undefined);
        journal('started', step, '', data);
        show(step, notice('running…', 'warn'));
        void actions.runShellStep(bound).then((outcome) => {
          const shown = shellOutcomeView(outcome);
          show(step, shown);
          const state =
            shown.status === 'failed' ? 'failed' : outcome.kind === 'refused' ? 'refused' : 'run';
          journal(state, step, shown.view.summary, {...data, outcome: shown.view.summary});
        });
      },
      onCancel: () => {
        setFlow(undefined);
        show(step, notice('cancelled: nothing ran', 'warn'));
        journal('cancelled', step, 'confirmation cancelled, nothing ran', data);
      },
    });
  };

  /** Runs block `blockIndex` of `step` (placeholders first). */
  const runStep = (step: FlatStep, blockIndex: number) => {
    const code = step.step.code[blockIndex];
    if (!code) return show(step, notice('this step has no code to run', 'warn'));
    const kind = codeKindOf(code.lang);
    if (!kind)
      return show(
        step,
        notice(`a ${code.lang || 'plain'} block does not run here; y copies it`, 'warn'),
      );
    askValues(code, () => (kind === 'sql' ? runSql(step, code) : runShell(step, code)));
  };

  return {flow, setFlow, show, runStep};
}
