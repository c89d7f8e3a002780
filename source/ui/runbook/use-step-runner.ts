import type {CodeBlock, Runbook} from '../../runbooks/runbook-model';
import {useCockpitActions} from '../cockpit-actions';
import {useCockpitStore} from '../store-context';
import type {FlatStep} from './navigator-types';
import {type FlowContext, notice, useRunFlow} from './run-flow';
import {runShellFlow} from './shell-step-flow';
import {runSqlFlow} from './sql-step-flow';
import {codeKindOf, missingPlaceholders, placeholderQuestion} from './step-code';

/** Runs the current step's code block: asks for placeholders, previews, confirms, runs, journals. */
export function useStepRunner(runbook: Runbook) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const {flow, setFlow, show} = useRunFlow();
  const context: FlowContext = {store, actions, runbook, setFlow, show};

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
    askValues(code, () =>
      kind === 'sql' ? runSqlFlow(context, step, code) : runShellFlow(context, step, code),
    );
  };

  return {flow, setFlow, runStep};
}
