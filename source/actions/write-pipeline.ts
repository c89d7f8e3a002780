import {type BatchResult, runPhaseReads} from '../runbooks/phase-runner';
import type {CodeBlock} from '../runbooks/runbook-model';
import {maskedValue, withoutSecretValues} from '../runbooks/secret-placeholders';
import type {BoundCommand} from '../runbooks/shell-placeholders';
import {runShellCommand} from '../runbooks/shell-runner';
import type {SqlCheckResult} from '../runbooks/sql-check';
import {
  type ShellStepOutcome,
  shellOutcomeSummary,
  sqlOutcomeSummary,
} from '../runbooks/step-outcome-summary';
import {runSqlStep, type SqlStepOutcome} from '../runbooks/step-runner';
import type {PostgresLifeline} from '../sources/postgres-lifeline';
import type {ReadOnlyMode} from '../store/slices/ui-slice';
import {redactSecrets} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import type {TimelineSink} from '../timeline/timeline-sink';
import {describeApplicationAction} from './application-action';
import {
  type ApplicationActionRunner,
  actionLimits,
  performApplicationAction,
} from './application-action-runner';
import {readOnlyRefusal} from './read-only-check';
import type {
  DatabaseActionOutcome,
  DatabaseActionRequest,
  RunbookReadsRequest,
  RunbookShellRequest,
  RunbookSqlRequest,
  RunbookStepRef,
  WriteRequest,
} from './write-requests';

/** Limits of a runbook shell or HTTP step. */
export const shellStepLimits = {timeoutMs: 30_000, maxOutputBytes: 16 * 1024};

/** What the pipeline runs through and records to. */
export type WritePipelineOptions = {
  lifeline: () => Pick<PostgresLifeline, 'transaction'> | undefined;
  timeline: TimelineSink;
  /**
   * `cockpit --read-only` (or a viewer's access in `cockpit join`, read-only too); a function
   * when it can change while the cockpit runs.
   */
  readOnly: ReadOnlyMode | (() => ReadOnlyMode);
  secrets: readonly string[];
  fetch?: typeof fetch;
  /**
   * Called once something that may have changed data has run (an action, a runbook SQL or shell
   * step): the panes then read their tables in full rather than wait for the change counters.
   */
  onPossibleChange?: () => void;
};

/**
 * The one path of every change to the database or the application: database actions (cancel,
 * terminate), application actions (requeue, retry, stop) and runbook steps. Each goes plan →
 * preview → typed confirmation (the UI's, between two calls) → execute → journal, with the one
 * read-only check ({@link readOnlyRefusal}) before anything runs, and every outcome journaled
 * and awaited before it is returned, so nothing is shown that the journal does not hold.
 */
export type WritePipeline = {
  /** Why `write` may not run now, or undefined. */
  refusal: (write: WriteRequest) => string | undefined;
  runDatabaseAction: (request: DatabaseActionRequest) => Promise<DatabaseActionOutcome>;
  /** Records that the operator backed out of a database action's confirmation. */
  cancelDatabaseAction: (request: DatabaseActionRequest) => Promise<void>;
  runApplicationAction: ApplicationActionRunner;
  /** Runs a runbook SQL step: a read, a preview, or (with its token) the real thing. */
  runRunbookSql: (request: RunbookSqlRequest) => Promise<SqlStepOutcome>;
  runShellStep: (request: RunbookShellRequest) => Promise<ShellStepOutcome>;
  /** Records that the operator backed out of a step's confirmation; `data` names what did not run. */
  cancelRunbookStep: (step: RunbookStepRef, data: Record<string, unknown>) => Promise<void>;
  /** Runs a phase's planned reads under the failure policy; each result is journaled before `onResult`. */
  runRunbookReads: (
    request: RunbookReadsRequest,
    onResult?: (result: BatchResult) => void,
  ) => Promise<BatchResult[]>;
};

/**
 * The part of the pipeline the runbook navigator uses; a read-only viewer, which journals
 * nothing, may leave out the refusal check and the cancellation record.
 */
export type RunbookStepActions = Pick<
  WritePipeline,
  'runRunbookSql' | 'runShellStep' | 'runRunbookReads'
> &
  Partial<Pick<WritePipeline, 'refusal' | 'cancelRunbookStep'>> & {
    /** EXPLAINs a SQL block (never runs it): can it run on this database, and if not, why. */
    checkRunbookSql?: (code: CodeBlock) => Promise<SqlCheckResult>;
  };

/** The environment a shell step runs with, as shown and journaled: secret values masked. */
export function shownEnvironment(
  bound: BoundCommand,
  secretValues: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bound.environment).map(([name, value]) => [
      name,
      secretValues.includes(value) ? maskedValue : value,
    ]),
  );
}

/** A failed step's error as journaled: the message and what PostgreSQL added to it. */
function failureData(outcome: Extract<SqlStepOutcome, {kind: 'failed'}>) {
  const {kind: _kind, error: message, ...said} = outcome;
  return {message, ...said};
}

const notConnected = 'not connected to the database';

/** Creates the pipeline over the cockpit's lifeline and timeline. */
export function createWritePipeline(options: WritePipelineOptions): WritePipeline {
  const readOnly = () =>
    (typeof options.readOnly === 'function' ? options.readOnly() : options.readOnly) !== false;
  const refusal = (write: WriteRequest) => readOnlyRefusal(write, readOnly());
  const clean = (text: string) =>
    sanitizeTerminalText(redactSecrets(text, options.secrets), {maxLength: 300});
  const record = options.timeline.record;

  const journalStep = (
    step: RunbookStepRef,
    state: string,
    text: string,
    data: Record<string, unknown> = {},
  ) =>
    record({
      kind: `runbook.step.${state}`,
      text: `${step.runbookTitle} › ${step.phase}: ${state} "${step.text}"${text ? `: ${text}` : ''}`,
      data: {runbookId: step.runbookId, step: step.key, text: step.text, ...data},
    });
  const stateOf = (outcome: SqlStepOutcome | ShellStepOutcome, failed: boolean) =>
    failed ? 'failed' : outcome.kind === 'refused' ? 'refused' : 'run';

  const pipeline: WritePipeline = {
    refusal,

    runDatabaseAction: async (request) => {
      const refused = refusal({kind: 'database', request});
      if (refused) return {ok: false, text: refused};
      const data = {...request.data, statements: request.statements};
      try {
        const lifeline = options.lifeline();
        if (!lifeline) throw new Error(notConnected);
        // A signal must not queue behind the lock pile-up it is meant to clear.
        const results = await lifeline.transaction(request.statements, {
          readOnly: false,
          resetSession: true,
          ...actionLimits,
        });
        const text = `${request.summary}: ${request.describe?.(results) ?? 'done'}`;
        await record({
          kind: request.kind,
          text,
          data: {...data, outcome: 'done', rows: results.map((result) => result.rows)},
        });
        return {ok: true, text, results};
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const text = `${request.summary} failed: ${reason}`;
        await record({kind: request.kind, text, data: {...data, outcome: 'failed', error: reason}});
        return {ok: false, text};
      }
    },

    cancelDatabaseAction: (request) =>
      record({
        kind: 'action.cancelled',
        text: `not confirmed: ${request.summary}`,
        data: {...request.data, cancelledKind: request.kind, statements: request.statements},
      }),

    runApplicationAction: async (request, phase) => {
      const what = describeApplicationAction(request, options.secrets);
      if (phase === 'cancel') {
        await record({
          kind: 'action.cancelled',
          text: clean(`cancelled: ${request.title}`),
          data: {cancelledKind: request.journalKind, what},
        });
        return {ok: true, text: 'cancelled'};
      }
      const refused = refusal({kind: 'application', request});
      if (refused) return {ok: false, text: refused};
      const result = await performApplicationAction(request, phase, {
        lifeline: options.lifeline as () => PostgresLifeline | undefined,
        secrets: options.secrets,
        fetch: options.fetch,
      });
      if (phase === 'execute')
        await record({
          kind: request.journalKind,
          text: clean(`${request.title}: ${result.text}`),
          data:
            request.kind === 'http'
              ? {ok: result.ok, request: what[0], httpStatus: result.httpStatus}
              : {ok: result.ok, statements: what, rowCounts: result.rowCounts},
        });
      return result;
    },

    runRunbookSql: async (request) => {
      const {step, prepared} = request;
      const sql = prepared.shownSql;
      const refused = refusal({kind: 'runbook-sql', request});
      if (refused) {
        const outcome: SqlStepOutcome = {kind: 'refused', reason: refused};
        await journalStep(step, 'refused', sqlOutcomeSummary(outcome), {sql});
        return outcome;
      }
      if (request.confirmationToken === undefined) await journalStep(step, 'started', '', {sql});
      const lifeline = options.lifeline();
      const outcome: SqlStepOutcome = withoutSecretValues(
        lifeline
          ? await runSqlStep(lifeline, prepared, {confirmationToken: request.confirmationToken})
          : {kind: 'failed', error: notConnected},
        prepared.secretValues,
      );
      if (outcome.kind === 'needs-confirmation') {
        // The live catalog can show a read to be more (a shadowed built-in): ask the check again.
        const classification = {...prepared.classification, sqlClass: outcome.sqlClass};
        const refusedNow = refusal({
          kind: 'runbook-sql',
          request: {...request, prepared: {...prepared, classification}},
        });
        if (refusedNow) {
          const refusedOutcome: SqlStepOutcome = {kind: 'refused', reason: refusedNow};
          await journalStep(step, 'refused', sqlOutcomeSummary(refusedOutcome), {sql});
          return refusedOutcome;
        }
      }
      // A preview or a request for confirmation changed nothing: the confirmation decides next.
      if (outcome.kind === 'preview' || outcome.kind === 'needs-confirmation') return outcome;
      const summary = sqlOutcomeSummary(outcome);
      await journalStep(step, stateOf(outcome, outcome.kind === 'failed'), summary, {
        sql,
        outcome: summary,
        ...(outcome.kind === 'executed'
          ? {rowsAffected: outcome.statements.map((item) => item.rowsAffected)}
          : {}),
        ...(outcome.kind === 'failed' ? {error: failureData(outcome)} : {}),
      });
      return outcome;
    },

    runShellStep: async (request) => {
      const {step, bound} = request;
      const secretValues = request.secretValues ?? [];
      const data = {command: bound.command, values: shownEnvironment(bound, secretValues)};
      const refused = refusal({kind: 'runbook-shell', request});
      const outcome: ShellStepOutcome = refused
        ? {kind: 'refused', reason: refused}
        : await (async () => {
            await journalStep(step, 'started', '', data);
            const ran = await runShellCommand(bound.command, {
              ...shellStepLimits,
              environment: bound.environment,
              secrets: [...options.secrets, ...secretValues],
            });
            return withoutSecretValues({kind: 'ran' as const, ...ran}, secretValues);
          })();
      const summary = shellOutcomeSummary(outcome);
      const failed = outcome.kind === 'ran' && (outcome.exitCode !== 0 || outcome.timedOut);
      await journalStep(step, stateOf(outcome, failed), summary, {...data, outcome: summary});
      return outcome;
    },

    cancelRunbookStep: (step, data) =>
      journalStep(step, 'cancelled', 'confirmation cancelled, nothing ran', data),

    runRunbookReads: async (request, onResult) => {
      const lifeline = options.lifeline() ?? {
        transaction: () => Promise.reject(new Error(notConnected)),
      };
      const masked = (result: BatchResult): BatchResult => ({
        read: result.read,
        outcome: withoutSecretValues(result.outcome, result.read.prepared.secretValues),
      });
      const raw = await runPhaseReads(lifeline, request.reads, request.policy, async (unmasked) => {
        const result = masked(unmasked);
        const step = request.stepOf(result.read);
        if (step && result.outcome.kind !== 'not-run') {
          const summary = sqlOutcomeSummary(result.outcome);
          const state = stateOf(result.outcome, result.outcome.kind === 'failed');
          await journalStep(step, state, summary, {
            sql: result.read.prepared.shownSql,
            outcome: summary,
            batch: true,
            ...(result.outcome.kind === 'failed' ? {error: failureData(result.outcome)} : {}),
          });
        }
        onResult?.(result);
      });
      const results = raw.map(masked);
      const count = (kind: string) => results.filter((item) => item.outcome.kind === kind).length;
      const failed = results.length - count('read') - count('not-run');
      const summary = `${request.phase}: ${count('read')} read(s) ran, ${failed} failed, ${count('not-run')} not run`;
      await record({
        kind: 'runbook.phase.run',
        text: `${request.runbook.title} › ${summary}`,
        data: {
          runbookId: request.runbook.id,
          phase: request.phase,
          policy: request.policy,
          outcome: summary,
        },
      });
      return results;
    },
  };
  const changed = options.onPossibleChange;
  if (!changed) return pipeline;
  const afterwards = <Result>(run: Promise<Result>) => run.finally(changed);
  return {
    ...pipeline,
    runDatabaseAction: (request) => afterwards(pipeline.runDatabaseAction(request)),
    runApplicationAction: (request, phase) =>
      phase === 'execute'
        ? afterwards(pipeline.runApplicationAction(request, phase))
        : pipeline.runApplicationAction(request, phase),
    runRunbookSql: (request) => afterwards(pipeline.runRunbookSql(request)),
    runShellStep: (request) => afterwards(pipeline.runShellStep(request)),
  };
}
