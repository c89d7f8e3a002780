import type {RunbookStepRef} from '../../actions/write-requests';
import type {Runbook} from '../../runbooks/runbook-model';
import type {FlatStep} from './navigator-types';

/** How the write pipeline and the journal name a step of the open runbook. */
export function stepRefOf(runbook: Runbook, step: FlatStep): RunbookStepRef {
  return {
    runbookId: runbook.id,
    runbookTitle: runbook.title,
    key: step.key,
    phase: step.phase,
    text: step.step.text,
  };
}
