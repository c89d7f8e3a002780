import type {Severity} from '../store/slices/incident-slice';

/** Where the response stands. */
export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** The people running the response. */
export const incidentRoles = ['commander', 'scribe', 'liaison'] as const;
export type IncidentRole = (typeof incidentRoles)[number];

/** Points in time the report measures from and to. */
export const milestoneNames = [
  'started',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
] as const;
export type MilestoneName = (typeof milestoneNames)[number];

/** Tags notes carry; the report gathers notes by them. */
export const noteTags = ['rootcause', 'impact', 'fix', 'followup', 'decision'] as const;

/** An incident as the fold of its journal. Times are UTC ISO strings. */
export type Incident = {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  roles: Partial<Record<IncidentRole, string>>;
  impact: string | undefined;
  /** Root-cause summary given at close. */
  rootCause: string | undefined;
  summary: string | undefined;
  openedAt: string;
  openedBy: string;
  closedAt: string | undefined;
  /** Milestones someone recorded (`milestone` events), as they were given. */
  milestones: Partial<Record<MilestoneName, string>>;
  /**
   * What other events imply where no milestone was recorded: `by` says which event. The report
   * orders them with `effectiveMilestones` and marks them as implied.
   */
  impliedMilestones: Partial<Record<MilestoneName, {at: string; by: string}>>;
  eventCount: number;
};

/** True for `investigating`, `identified`, `monitoring` and `resolved`. */
export function isIncidentStatus(value: unknown): value is IncidentStatus {
  return incidentStatuses.includes(value as IncidentStatus);
}

/** True for `commander`, `scribe` and `liaison`. */
export function isIncidentRole(value: unknown): value is IncidentRole {
  return incidentRoles.includes(value as IncidentRole);
}

/** True for a milestone name. */
export function isMilestoneName(value: unknown): value is MilestoneName {
  return milestoneNames.includes(value as MilestoneName);
}
