import {
  createWritePipeline,
  type RunbookStepActions,
  type WritePipelineOptions,
} from '../actions/write-pipeline';
import {checkSqlBlock} from '../runbooks/sql-check';

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
    checkRunbookSql: async (code) => {
      const lifeline = options.lifeline();
      if (!lifeline) return {status: 'skipped', message: 'not connected to the database'};
      return checkSqlBlock(lifeline, code).catch((error: unknown) => ({
        status: 'skipped' as const,
        message: error instanceof Error ? error.message : String(error),
      }));
    },
  };
}
