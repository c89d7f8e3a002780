import type {Incident, Phase, Runbook, Step} from './runbook-model';

/** A step with where it sits: its incident, phase, and its path of indexes (`[2, 0]` = 3.1). */
export type PlacedStep = {incident: Incident; phase: Phase; step: Step; path: number[]};

/** Every step of a runbook in reading order, sub-steps after their parent. */
export function* allSteps(runbook: Pick<Runbook, 'incidents'>): Generator<PlacedStep> {
  for (const incident of runbook.incidents)
    for (const phase of incident.phases) yield* stepsOfPhase(incident, phase);
}

/** Every step of one phase in reading order, sub-steps after their parent. */
export function* stepsOfPhase(incident: Incident, phase: Phase): Generator<PlacedStep> {
  const pending: Array<{step: Step; path: number[]}> = phase.steps
    .map((step, index) => ({step, path: [index]}))
    .reverse();
  while (pending.length > 0) {
    const {step, path} = pending.pop()!;
    yield {incident, phase, step, path};
    for (let index = step.steps.length - 1; index >= 0; index -= 1)
      pending.push({step: step.steps[index]!, path: [...path, index]});
  }
}

/** How many steps (sub-steps included) a runbook has. */
export function countSteps(runbook: Pick<Runbook, 'incidents'>): number {
  let count = 0;
  for (const _ of allSteps(runbook)) count += 1;
  return count;
}
