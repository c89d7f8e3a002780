import {isSqlBlock} from './code-language';
import type {CodeBlock, Incident, Phase, Step} from './runbook-model';
import {stepsOfPhase} from './runbook-walk';
import {
  type PreparedSqlStep,
  prepareSqlStep,
  runSqlStep,
  type SqlStepOutcome,
  type StepDatabase,
} from './step-runner';

/** A read-only SQL block of a phase, bound and ready: what the one confirmation lists. */
export type PlannedRead = {step: Step; path: number[]; code: CodeBlock; prepared: PreparedSqlStep};

/** A block of the phase that will not run in a batch, and why (a write, a missing value…). */
export type SkippedBlock = {step: Step; path: number[]; code: CodeBlock; reason: string};

/** Failure policy of "run all read-only steps": stop at the first failure, or run the rest. */
export type FailurePolicy = 'stop-at-first' | 'run-all';

/** The phase's SQL blocks that are plain reads, and the ones that are not, with why. */
export function planPhaseReads(
  incident: Incident,
  phase: Phase,
  values: Readonly<Record<string, string>> = {},
): {reads: PlannedRead[]; skipped: SkippedBlock[]} {
  const reads: PlannedRead[] = [];
  const skipped: SkippedBlock[] = [];
  for (const {step, path} of stepsOfPhase(incident, phase)) {
    for (const code of step.code) {
      if (!isSqlBlock(code)) continue;
      const prepared = prepareSqlStep(code, values);
      if ('error' in prepared) skipped.push({step, path, code, reason: prepared.error});
      else if (prepared.classification.sqlClass !== 'read')
        skipped.push({
          step,
          path,
          code,
          reason: `a ${prepared.classification.sqlClass} step runs on its own`,
        });
      else reads.push({step, path, code, prepared});
    }
  }
  return {reads, skipped};
}

/** One planned read and its outcome; `notRun` when an earlier failure stopped the batch. */
export type BatchResult = {read: PlannedRead; outcome: SqlStepOutcome | {kind: 'not-run'}};

/**
 * Runs planned reads in order under the failure policy; each runs in its own READ ONLY
 * transaction, and anything that is not a plain read is refused (a batch never asks to confirm).
 * `onResult` is awaited before the next read starts.
 */
export async function runPhaseReads(
  database: StepDatabase,
  reads: readonly PlannedRead[],
  policy: FailurePolicy,
  onResult?: (result: BatchResult) => void | Promise<void>,
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  let stopped = false;
  for (const read of reads) {
    const {sqlClass} = read.prepared.classification;
    const outcome: BatchResult['outcome'] = stopped
      ? {kind: 'not-run'}
      : sqlClass !== 'read'
        ? {kind: 'refused', reason: `a ${sqlClass} step runs on its own, not in a batch of reads`}
        : await runSqlStep(database, read.prepared).then((ran): BatchResult['outcome'] =>
            ran.kind === 'needs-confirmation'
              ? {kind: 'refused', reason: `${ran.reasons.join('; ')}: it runs on its own`}
              : ran,
          );
    const result = {read, outcome};
    results.push(result);
    await onResult?.(result);
    if (policy === 'stop-at-first' && (outcome.kind === 'failed' || outcome.kind === 'refused'))
      stopped = true;
  }
  return results;
}
