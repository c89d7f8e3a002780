import type {Runbook} from '../../runbooks/runbook-model';
import {useCockpitActions} from '../cockpit-actions';
import type {FlatStep} from './navigator-types';

/** Records one step event; see {@link useRunbookJournal}. */
export type RunbookJournal = (
  state: string,
  step: FlatStep,
  text: string,
  data?: Record<string, unknown>,
) => void;

/**
 * Records a step event (`runbook.step.<state>`: started, run, failed, refused, cancelled, …)
 * with the runbook and step it concerns; `data` carries `sql` or `command` and the outcome.
 */
export function useRunbookJournal(runbook: Runbook): RunbookJournal {
  const actions = useCockpitActions();
  return (state: string, step: FlatStep, text: string, data: Record<string, unknown> = {}) =>
    void actions.recordEvent({
      kind: `runbook.step.${state}`,
      text: `${runbook.title} › ${step.phase}: ${state} "${step.step.text}"${text ? `: ${text}` : ''}`,
      data: {runbookId: runbook.id, step: step.key, text: step.step.text, ...data},
    });
}
