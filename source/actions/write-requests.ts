import type {FailurePolicy, PlannedRead} from '../runbooks/phase-runner';
import type {BoundCommand} from '../runbooks/shell-placeholders';
import type {PreparedSqlStep} from '../runbooks/step-runner';
import type {StatementResult} from '../sources/postgres-lifeline';
import type {ApplicationActionRequest} from './application-action';

/**
 * A confirmed action on the monitored database (cancel, terminate, …). Panes build it; the
 * write pipeline runs it in one read-write transaction and journals it with its outcome.
 */
export type DatabaseActionRequest = {
  /** Timeline kind: `action.cancel`, `action.terminate`, … */
  kind: string;
  /** One line for the confirmation title and the timeline: `terminate session 4242`. */
  summary: string;
  /** The word the operator must type to proceed. */
  confirmationWord: string;
  /** Exactly what runs, shown in the confirmation and journaled. Values already quoted. */
  statements: string[];
  /** What it acts on, one line each (shown in the confirmation). */
  details: string[];
  /** Journaled with the outcome (sessions' details, ids, …). */
  data?: Record<string, unknown>;
  /** Turns the results into words for the timeline and the footer. */
  describe?: (results: readonly StatementResult[]) => string;
};

/** How a database action ended. */
export type DatabaseActionOutcome =
  | {ok: true; text: string; results: StatementResult[]}
  | {ok: false; text: string};

/** Which runbook step a run belongs to: what the journal names it by. */
export type RunbookStepRef = {
  runbookId: string;
  runbookTitle: string;
  /** The step's key in the runbook (`1.2.3`). */
  key: string;
  phase: string;
  text: string;
};

/**
 * A runbook SQL step to run: without `confirmationToken` a write is previewed (or, when it
 * cannot be, only described); with it, it runs for real.
 */
export type RunbookSqlRequest = {
  step: RunbookStepRef;
  prepared: PreparedSqlStep;
  confirmationToken?: string;
};

/** A runbook shell or HTTP step, placeholders bound as environment variables. */
export type RunbookShellRequest = {
  step: RunbookStepRef;
  bound: BoundCommand;
  /** Values of secret placeholders: masked in the journal, the confirmation and the output. */
  secretValues?: readonly string[];
};

export type {ShellStepOutcome} from '../runbooks/step-outcome-summary';

/** "Run all read-only steps of a phase": the planned reads and how each is named. */
export type RunbookReadsRequest = {
  runbook: {id: string; title: string};
  phase: string;
  reads: readonly PlannedRead[];
  policy: FailurePolicy;
  /** The step each read belongs to (undefined: not journaled on its own). */
  stepOf: (read: PlannedRead) => RunbookStepRef | undefined;
};

/** Everything that may change the monitored database or the application, by where it comes from. */
export type WriteRequest =
  | {kind: 'database'; request: DatabaseActionRequest}
  | {kind: 'application'; request: ApplicationActionRequest}
  | {kind: 'runbook-sql'; request: RunbookSqlRequest}
  | {kind: 'runbook-shell'; request: RunbookShellRequest};
