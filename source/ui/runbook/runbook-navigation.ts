import type {Runbook, Step, StepStatus} from '../../runbooks/runbook-model';
import type {FlatStep} from './navigator-types';

/** The key of a step from its incident, phase and path indexes (all 0-based). */
export function stepKey(incidentIndex: number, phaseIndex: number, path: readonly number[]) {
  return [incidentIndex, phaseIndex, ...path].map((index) => index + 1).join('.');
}

/** Every step of a runbook in reading order, sub-steps after their parent. */
export function flattenSteps(runbook: Pick<Runbook, 'incidents'>): FlatStep[] {
  const flat: FlatStep[] = [];
  runbook.incidents.forEach((incident, incidentIndex) => {
    incident.phases.forEach((phase, phaseIndex) => {
      const visit = (steps: readonly Step[], parent: number[]) => {
        steps.forEach((step, index) => {
          const path = [...parent, index];
          const key = stepKey(incidentIndex, phaseIndex, path);
          const where = {incident: incident.title, phase: phase.title, incidentIndex, phaseIndex};
          flat.push({key, depth: parent.length, ...where, path, step});
          // Deeply nested junk must not blow the stack of the UI; 8 levels is plenty for a runbook.
          if (parent.length < 8) visit(step.steps, path);
        });
      };
      visit(phase.steps, []);
    });
  });
  return flat;
}

/** Counts of steps by status, for the progress line. */
export function progressOf(
  steps: readonly FlatStep[],
  statuses: Readonly<Record<string, StepStatus>>,
) {
  let done = 0;
  let skipped = 0;
  let failed = 0;
  for (const step of steps) {
    const status = statuses[step.key];
    if (status === 'done') done++;
    else if (status === 'skipped') skipped++;
    else if (status === 'failed') failed++;
  }
  return {total: steps.length, done, skipped, failed};
}

/** The first step after `from` that has no status yet (or `from` when none is left). */
export function nextOpenStep(
  steps: readonly FlatStep[],
  statuses: Readonly<Record<string, StepStatus>>,
  from: number,
): number {
  for (let index = from + 1; index < steps.length; index++)
    if (!statuses[steps[index]!.key]) return index;
  return Math.min(from, Math.max(0, steps.length - 1));
}

/** Where the cursor lands after a movement key. */
export function moveCursor(cursor: number, keyName: string, count: number, page: number): number {
  const last = Math.max(0, count - 1);
  const moves: Record<string, number> = {
    up: -1,
    k: -1,
    down: 1,
    j: 1,
    pageup: -page,
    pagedown: page,
  };
  if (keyName === 'home') return 0;
  if (keyName === 'end') return last;
  const delta = moves[keyName];
  return delta === undefined ? cursor : Math.min(last, Math.max(0, cursor + delta));
}

/** The steps of the phase that `cursor` is in (for "run all read-only steps of this phase"). */
export function phaseSteps(steps: readonly FlatStep[], cursor: number): FlatStep[] {
  const current = steps[cursor];
  if (!current) return [];
  const prefix = current.key.split('.').slice(0, 2).join('.');
  return steps.filter((step) => step.key.startsWith(`${prefix}.`));
}
