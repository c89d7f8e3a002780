import {CockpitError} from '../errors';
import type {Severity} from '../store/slices/incident-slice';
import type {IncidentRole, IncidentStatus, MilestoneName} from './incident-model';
import type {IncidentSession} from './incident-session';
import {noteData} from './note-input';
import type {TimeZoneChoice} from './time-zone';

/** What the screen can do to the incident; each resolves with a line for the footer. */
export type IncidentActions = {
  open: (title: string, severity: Severity) => Promise<string>;
  /** `at` is an optional `HH:MM` for something that happened earlier. */
  note: (text: string, at?: string) => Promise<string>;
  setSeverity: (severity: Severity) => Promise<string>;
  setStatus: (status: IncidentStatus) => Promise<string>;
  assignRole: (role: IncidentRole, person: string) => Promise<string>;
  setImpact: (impact: string) => Promise<string>;
  markMilestone: (milestone: MilestoneName, at?: string) => Promise<string>;
  close: (summary: {impact: string; rootCause: string}) => Promise<string>;
};

/** The incident actions of a running cockpit, writing through its session. */
export function incidentActionsOf(
  session: IncidentSession,
  options: {zone: TimeZoneChoice; now?: () => number},
): IncidentActions {
  const now = options.now ?? Date.now;
  const current = () => {
    const incident = session.incident;
    if (!incident) throw new CockpitError('no incident is open', {hint: 'press o to open one'});
    return incident;
  };
  return {
    open: async (title, severity) => `opened incident ${await session.open(title, severity)}`,
    note: async (text, at) => {
      const data = noteData({
        text,
        at: at || undefined,
        atField: 'the time',
        now: now(),
        zone: options.zone,
      });
      // A note is never lost: when the journal cannot take it, the session keeps it in memory.
      const event = await session.record({type: 'note', data: {...data}});
      return event
        ? `note ${event.seq} written`
        : `note kept in memory: ${session.heldReason}; it is written when the journal can be`;
    },
    setSeverity: async (severity) => {
      const from = current().severity;
      if (from === severity) return `severity is already ${severity}`;
      await session.append({type: 'severity.changed', data: {from, to: severity}});
      return `severity ${from} → ${severity}`;
    },
    setStatus: async (status) => {
      const from = current().status;
      if (from === status) return `status is already ${status}`;
      await session.append({type: 'status.changed', data: {from, to: status}});
      return `status ${from} → ${status}`;
    },
    assignRole: async (role, person) => {
      const name = person.trim();
      if (!name) return 'no name given; nothing assigned';
      await session.append({type: 'role.assigned', data: {role, person: name}});
      return `${role}: ${name}`;
    },
    setImpact: async (impact) => {
      if (!impact.trim()) return 'no impact given; nothing changed';
      await session.append({type: 'impact.set', data: {impact: impact.trim()}});
      return 'impact recorded';
    },
    markMilestone: async (milestone, at) => {
      const data: Record<string, unknown> = {milestone};
      if (at)
        data.occurredAt = noteData({
          text: milestone,
          at,
          atField: 'the time',
          now: now(),
          zone: options.zone,
        }).occurredAt;
      await session.append({type: 'milestone', data});
      return `milestone ${milestone} recorded`;
    },
    close: async ({impact, rootCause}) => {
      const path = await session.close({
        impact: impact.trim() || undefined,
        rootCause: rootCause.trim() || undefined,
      });
      return `incident closed; report written to ${path}`;
    },
  };
}
