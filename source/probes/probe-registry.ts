import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import {createSignalProbe} from '../signals/signal-probe';
import {applicationProbes} from './application/application-probes';
import {connectionsProbe} from './connections/connections-probe';
import {locksProbe} from './locks/locks-probe';
import type {ProbeDefinition} from './probe-types';

/** Every probe the cockpit runs, in pane order; the application probes read `application`. */
export function allProbes(
  application: ApplicationSettings = resolveApplicationSettings(),
): ProbeDefinition[] {
  return [
    connectionsProbe as ProbeDefinition,
    locksProbe as ProbeDefinition,
    ...applicationProbes(application),
    ...(application.signals.map(createSignalProbe) as ProbeDefinition[]),
  ];
}
