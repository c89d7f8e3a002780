import {blackFriday} from './black-friday';
import {quietDay} from './quiet-day';
import type {Scenario} from './scenario';

/** The scenarios `cockpit demo --scenario NAME` can play; the first is the default. */
export const scenarios: readonly Scenario[] = [blackFriday, quietDay];

/** The scenario called `name`, or undefined. */
export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.name === name);
}
