import {connectionsProbe} from './connections/connections-probe';
import {locksProbe} from './locks/locks-probe';
import type {ProbeDefinition} from './probe-types';

/** Every probe the cockpit runs, in pane order. */
export function allProbes(): ProbeDefinition[] {
  return [connectionsProbe as ProbeDefinition, locksProbe as ProbeDefinition];
}
