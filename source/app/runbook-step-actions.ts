import {
  createWritePipeline,
  type RunbookStepActions,
  type WritePipelineOptions,
} from '../actions/write-pipeline';

export type {RunbookStepActions} from '../actions/write-pipeline';
export {shellStepLimits} from '../actions/write-pipeline';
export type {ShellStepOutcome} from '../actions/write-requests';

/**
 * The runbook steps' way to the world: the write pipeline's runbook part (SQL steps, shell
 * steps, batches of reads, cancellations), with its read-only check, journaled to
 * `options.timeline` before each outcome is returned.
 */
export function createRunbookStepActions(options: WritePipelineOptions): RunbookStepActions {
  const pipeline = createWritePipeline(options);
  return {
    refusal: pipeline.refusal,
    runRunbookSql: pipeline.runRunbookSql,
    runShellStep: pipeline.runShellStep,
    cancelRunbookStep: pipeline.cancelRunbookStep,
    runRunbookReads: pipeline.runRunbookReads,
  };
}
