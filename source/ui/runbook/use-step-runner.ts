import {valueProblem} from '../../runbooks/placeholder-kinds';
import type {CodeBlock, Runbook} from '../../runbooks/runbook-model';
import {isSecretPlaceholder} from '../../runbooks/secret-placeholders';
import {useCockpitActions} from '../cockpit-actions';
import {useCockpitStore} from '../store-context';
import type {FlatStep} from './navigator-types';
import {type FlowContext, notice, useRunFlow} from './run-flow';
import {runShellFlow} from './shell-step-flow';
import {runSqlFlow} from './sql-step-flow';
import {codeKindOf, placeholderQuestion, uniquePlaceholders} from './step-code';

/** Runs the current step's code block: asks for placeholders, previews, confirms, runs, journals. */
export function useStepRunner(runbook: Runbook) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const {flow, setFlow, show} = useRunFlow();
  const context: FlowContext = {store, actions, runbook, setFlow, show};

  /**
   * Asks for each placeholder of the block in turn, the value given last time filled in (Enter
   * keeps it, so a wrong `<pid>` is fixed without reopening the runbook); a value that does not
   * fit its kind (a pid is a whole number) is asked again, saying why, before anything runs.
   * Values are remembered for the runbook; secret ones are typed masked.
   */
  const askValues = (code: CodeBlock, then: () => void) => {
    const placeholders = uniquePlaceholders(code);
    let asked = 0;
    const next = (index: number, problem?: string, typed?: string) => {
      const placeholder = placeholders[index];
      if (!placeholder) {
        setFlow(undefined);
        return then();
      }
      asked += 1;
      setFlow({
        kind: 'ask',
        // A new id for every question: the prompt starts again from its filled-in value.
        id: `${code.line}:${placeholder.name}:${asked}`,
        label: placeholderQuestion(placeholder),
        problem,
        initial: typed ?? store.getState().runbook.values[placeholder.name],
        secret: isSecretPlaceholder(placeholder),
        onSubmit: (text) => {
          const fromEnvironment = text === '' && placeholder.kind === 'environment';
          const wrong = fromEnvironment ? undefined : valueProblem(placeholder, text);
          if (wrong) return next(index, wrong, text);
          if (!fromEnvironment) store.getState().setPlaceholderValue(placeholder.name, text);
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
