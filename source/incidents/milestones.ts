import {type Incident, type MilestoneName, milestoneNames} from './incident-model';

/** When a milestone happened, and whether someone recorded it or the cockpit inferred it. */
export type MilestoneTime =
  | {at: number; recorded: true}
  | {
      at: number;
      recorded: false;
      impliedBy: string;
      /** Set when the implied time contradicted a neighbour and was moved to its time. */
      movedTo?: MilestoneName;
    };

/**
 * The milestones the report shows: the recorded ones as they are, and the implied ones (from the
 * opening, a status change or the close) kept in order — an implied milestone never precedes
 * the milestone before it, nor follows a recorded one after it.
 */
export function effectiveMilestones(
  incident: Incident,
): Partial<Record<MilestoneName, MilestoneTime>> {
  const effective: Partial<Record<MilestoneName, MilestoneTime>> = {};
  const recordedAt = (name: MilestoneName) => {
    const value = incident.milestones[name];
    return value === undefined ? undefined : Date.parse(value);
  };
  const hintAt = (name: MilestoneName) => {
    const hint = incident.impliedMilestones[name];
    return hint === undefined ? undefined : Date.parse(hint.at);
  };
  let previous: {name: MilestoneName; at: number} | undefined;
  milestoneNames.forEach((name, index) => {
    const recorded = recordedAt(name);
    if (recorded !== undefined) {
      effective[name] = {at: recorded, recorded: true};
      previous = {name, at: recorded};
      return;
    }
    const hint = incident.impliedMilestones[name];
    if (!hint) return;
    const time: MilestoneTime = {at: Date.parse(hint.at), recorded: false, impliedBy: hint.by};
    if (previous && time.at < previous.at) {
      time.at = previous.at;
      time.movedTo = previous.name;
    }
    // The earliest later milestone, recorded or implied, bounds it from above.
    const next = milestoneNames
      .slice(index + 1)
      .map((later) => ({name: later, at: recordedAt(later) ?? hintAt(later)}))
      .filter((later): later is {name: MilestoneName; at: number} => later.at !== undefined)
      .sort((left, right) => left.at - right.at)[0];
    if (next && time.at > next.at && (!previous || next.at >= previous.at)) {
      time.at = next.at;
      time.movedTo = next.name;
    }
    effective[name] = time;
    previous = {name, at: time.at};
  });
  return effective;
}

/** One measured span between two milestones, or why it could not be measured. */
export type MilestoneSpan = {
  from: MilestoneName;
  to: MilestoneName;
  /**
   * Undefined when an end is missing, both ends were only implied by the same moment, or an
   * implied end had to be moved next to its neighbour (its real time is unknown).
   */
  seconds?: number;
  /** Which ends were implied rather than recorded. */
  implied: MilestoneName[];
};

/** Times between milestones in seconds; undefined where they cannot be measured. */
export type IncidentDurations = {
  toDetect?: number;
  toAcknowledge?: number;
  toMitigate?: number;
  toResolve?: number;
};

/**
 * The spans the report prints: detection counts from the start, and acknowledging, mitigating
 * and resolving count from detection (the moment the team could act). Two ends implied by the
 * same moment (opening the incident implies start, detection and acknowledgement at once), or
 * an implied end moved to its neighbour, give no span: "0 s" would claim a measurement nobody
 * made.
 */
export function incidentSpans(incident: Incident): Record<keyof IncidentDurations, MilestoneSpan> {
  const effective = effectiveMilestones(incident);
  const span = (from: MilestoneName, to: MilestoneName): MilestoneSpan => {
    const start = effective[from];
    const end = effective[to];
    const implied = [start, end].flatMap((time, index) =>
      time && !time.recorded ? [index === 0 ? from : to] : [],
    );
    if (!start || !end) return {from, to, implied};
    if (!start.recorded && !end.recorded && start.impliedBy === end.impliedBy)
      return {from, to, implied};
    if ((!start.recorded && start.movedTo) || (!end.recorded && end.movedTo))
      return {from, to, implied};
    return {from, to, implied, seconds: Math.max(0, (end.at - start.at) / 1000)};
  };
  return {
    toDetect: span('started', 'detected'),
    toAcknowledge: span('detected', 'acknowledged'),
    toMitigate: span('detected', 'mitigated'),
    toResolve: span('detected', 'resolved'),
  };
}

/** {@link incidentSpans} as plain numbers (the JSON export's `durations`). */
export function incidentDurations(incident: Incident): IncidentDurations {
  const spans = incidentSpans(incident);
  const durations: IncidentDurations = {};
  for (const key of Object.keys(spans) as Array<keyof IncidentDurations>) {
    const seconds = spans[key].seconds;
    if (seconds !== undefined) durations[key] = seconds;
  }
  return durations;
}
