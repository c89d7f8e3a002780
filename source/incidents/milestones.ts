import type {Incident, MilestoneName} from './incident-model';

/** Times between milestones in seconds; undefined where a milestone is missing. */
export type IncidentDurations = {
  toDetect?: number;
  toAcknowledge?: number;
  toMitigate?: number;
  toResolve?: number;
};

/**
 * Durations the report prints: detection counts from the start, and acknowledging, mitigating
 * and resolving count from detection (the moment the team could act).
 */
export function incidentDurations(incident: Incident): IncidentDurations {
  const at = (name: MilestoneName) => {
    const value = incident.milestones[name];
    return value === undefined ? undefined : Date.parse(value);
  };
  const between = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? undefined : Math.max(0, (to - from) / 1000);
  const started = at('started');
  const detected = at('detected') ?? started;
  return {
    toDetect: between(started, detected),
    toAcknowledge: between(detected, at('acknowledged')),
    toMitigate: between(detected, at('mitigated')),
    toResolve: between(detected, at('resolved')),
  };
}
