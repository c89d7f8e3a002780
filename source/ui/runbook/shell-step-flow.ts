import {shownEnvironment} from '../../actions/write-pipeline';
import type {CodeBlock} from '../../runbooks/runbook-model';
import {secretValuesOf} from '../../runbooks/secret-placeholders';
import {bindShellPlaceholders} from '../../runbooks/shell-placeholders';
import {classifyShellCommandSql} from '../../runbooks/shell-sql';
import type {FlatStep} from './navigator-types';
import {dangerousWord, type FlowContext, notice, runWord} from './run-flow';
import {shellPlaceholdersToBind} from './step-code';
import {shellOutcomeView} from './step-outcome-view';
import {stepRefOf} from './step-ref';

/**
 * Runs a shell or HTTP block (placeholders already answered) after a confirmation showing the
 * exact command and the values passed as environment variables; refused under --read-only.
 */
export function runShellFlow(context: FlowContext, step: FlatStep, code: CodeBlock): void {
  const {store, actions, setFlow, show} = context;
  const ref = stepRefOf(context.runbook, step);
  const values = store.getState().runbook.values;
  const bound = bindShellPlaceholders(code.text, shellPlaceholdersToBind(code, values), values);
  if ('error' in bound) {
    show(step, notice(`cannot run: ${bound.error}`, 'critical'));
    return;
  }
  const secretValues = secretValuesOf(code.placeholders, values);
  const request = {step: ref, bound, secretValues};
  // Under --read-only the pipeline refuses it (and journals that) before anything is asked.
  if (actions.refusal?.({kind: 'runbook-shell', request})) {
    void actions.runShellStep(request).then((outcome) => {
      const shown = shellOutcomeView(outcome);
      show(step, {...shown, view: {...shown.view, summary: `${shown.view.summary} (y copies)`}});
    });
    return;
  }
  const shown = shownEnvironment(bound, secretValues);
  const data = {command: bound.command, values: shown};
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
      ...Object.entries(shown).map(([name, value]) => `with ${name}=${value}`),
      ...(inherited.length > 0 ? [`from the cockpit's environment: ${inherited.join(', ')}`] : []),
    ],
    word: dangerous ? dangerousWord : runWord,
    onConfirm: () => {
      setFlow(undefined);
      show(step, notice('running…', 'warn'));
      void actions.runShellStep(request).then((outcome) => show(step, shellOutcomeView(outcome)));
    },
    onCancel: () => {
      setFlow(undefined);
      show(step, notice('cancelled: nothing ran', 'warn'));
      void actions.cancelRunbookStep?.(ref, data);
    },
  });
}
