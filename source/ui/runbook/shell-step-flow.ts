import type {CodeBlock} from '../../runbooks/runbook-model';
import {bindShellPlaceholders} from '../../runbooks/shell-placeholders';
import {classifyShellCommandSql} from '../../runbooks/shell-sql';
import type {FlatStep} from './navigator-types';
import {dangerousWord, type FlowContext, notice, runWord} from './run-flow';
import {shellPlaceholdersToBind} from './step-code';
import {shellOutcomeView} from './step-outcome-view';

/**
 * Runs a shell or HTTP block (placeholders already answered) after a confirmation showing the
 * exact command and the values passed as environment variables; refused under --read-only.
 */
export function runShellFlow(context: FlowContext, step: FlatStep, code: CodeBlock): void {
  const {store, actions, journal, setFlow, show} = context;
  const values = store.getState().runbook.values;
  const bound = bindShellPlaceholders(code.text, shellPlaceholdersToBind(code, values), values);
  if ('error' in bound) {
    show(step, notice(`cannot run: ${bound.error}`, 'critical'));
    return;
  }
  if (store.getState().ui.readOnly) {
    const summary = 'refused: read-only mode: shell steps are disabled (y copies)';
    show(step, notice(summary, 'critical'));
    journal('refused', step, summary, {command: bound.command});
    return;
  }
  const data = {command: bound.command, values: bound.environment};
  // SQL handed to psql is confirmed as what it does: `dangerous` for pg_terminate_backend.
  const sql = classifyShellCommandSql(code.text);
  const dangerous = sql?.sqlClass === 'dangerous';
  const reasons = sql?.statements.flatMap((statement) => statement.reasons) ?? [];
  const inherited = [
    ...new Set(
      code.placeholders
        .filter(
          (placeholder) => placeholder.kind === 'environment' && !(placeholder.name in values),
        )
        .map((placeholder) => placeholder.name),
    ),
  ];
  setFlow({
    kind: 'confirm',
    id: `shell:${step.key}`,
    title: dangerous
      ? 'Run this command? Its SQL is dangerous (30 s timeout, output kept short)'
      : 'Run this command? (30 s timeout, output kept short)',
    details: [
      ...(dangerous ? [`SQL inside: ${reasons.join('; ') || 'it may do anything'}`] : []),
      bound.command,
      ...Object.entries(bound.environment).map(([name, value]) => `with ${name}=${value}`),
      ...(inherited.length > 0 ? [`from the cockpit's environment: ${inherited.join(', ')}`] : []),
    ],
    word: dangerous ? dangerousWord : runWord,
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
}
