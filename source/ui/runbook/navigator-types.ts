import type {Step} from '../../runbooks/runbook-model';

/** One line of the flattened step list: a step with where it sits. */
export type FlatStep = {
  /** Stable within a runbook: incident.phase.step(.substep…), 1-based. */
  key: string;
  depth: number;
  incident: string;
  phase: string;
  incidentIndex: number;
  phaseIndex: number;
  /** Indexes of the step inside its phase (`[2, 0]` = third step, first sub-step). */
  path: number[];
  step: Step;
};
