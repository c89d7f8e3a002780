import {
  type BatchResult,
  type FailurePolicy,
  type PlannedRead,
  runPhaseReads,
} from '../runbooks/phase-runner';
import type {CodeBlock} from '../runbooks/runbook-model';
import type {BoundCommand} from '../runbooks/shell-placeholders';
import {runShellCommand, type ShellOutcome} from '../runbooks/shell-runner';
import {checkSqlBlock, type SqlCheckResult} from '../runbooks/sql-check';
import {type PreparedSqlStep, runSqlStep, type SqlStepOutcome} from '../runbooks/step-runner';
import type {PostgresLifeline} from '../sources/postgres-lifeline';

/** Limits of a runbook shell or HTTP step. */
export const shellStepLimits = {timeoutMs: 30_000, maxOutputBytes: 16 * 1024};

/** The two ways a runbook step reaches the world, as the navigator calls them. */
export type RunbookStepActions = {
  runRunbookSql: (
    prepared: PreparedSqlStep,
    options?: {confirmationToken?: string},
  ) => Promise<SqlStepOutcome>;
  runShellStep: (bound: BoundCommand) => Promise<ShellStepOutcome>;
  /** Runs a phase's planned reads in order under the failure policy (reads only, so never refused). */
  runRunbookReads: (
    reads: readonly PlannedRead[],
    policy: FailurePolicy,
    onResult?: (result: BatchResult) => void,
  ) => Promise<BatchResult[]>;
  /** EXPLAINs a SQL block (never runs it): can it run on this database, and if not, why. */
  checkRunbookSql?: (code: CodeBlock) => Promise<SqlCheckResult>;
};

/** A shell step's outcome, or why it did not run. */
export type ShellStepOutcome = ({kind: 'ran'} & ShellOutcome) | {kind: 'refused'; reason: string};

/**
 * Runs runbook steps through the controller's lifeline; `readOnly` refuses every SQL step that
 * is not a plain read and every shell step. Journaling is the navigator's job (it knows the step).
 */
export function createRunbookStepActions(options: {
  lifeline: () => Pick<PostgresLifeline, 'transaction'> | undefined;
  readOnly: boolean;
  secrets: readonly string[];
}): RunbookStepActions {
  return {
    runRunbookSql: async (prepared, runOptions = {}) => {
      const lifeline = options.lifeline();
      if (!lifeline) return {kind: 'failed', error: 'not connected to the database'};
      return runSqlStep(lifeline, prepared, {...runOptions, readOnly: options.readOnly});
    },
    runShellStep: async (bound) => {
      if (options.readOnly)
        return {kind: 'refused', reason: 'read-only mode: shell steps are disabled'};
      const outcome = await runShellCommand(bound.command, {
        ...shellStepLimits,
        environment: bound.environment,
        secrets: options.secrets,
      });
      return {kind: 'ran', ...outcome};
    },
    runRunbookReads: async (reads, policy, onResult) => {
      const lifeline = options.lifeline();
      const unavailable = {
        transaction: () => Promise.reject(new Error('not connected to the database')),
      };
      return runPhaseReads(lifeline ?? unavailable, reads, policy, onResult);
    },
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
