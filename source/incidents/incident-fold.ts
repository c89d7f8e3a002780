import type {JournalEvent} from '../journal/journal-event';
import {
  type Incident,
  isIncidentRole,
  isIncidentStatus,
  isMilestoneName,
  type MilestoneName,
} from './incident-model';
import {parseSeverity} from './severity';

/** The fold's running state. */
export type FoldState = {incident: Incident | undefined};

/** The state before any event. */
export function emptyFold(): FoldState {
  return {incident: undefined};
}

/** The incident a journal describes: a pure fold over its events, in journal order. */
export function foldIncident(events: readonly JournalEvent[]): Incident | undefined {
  let state = emptyFold();
  for (const event of events) state = applyEvent(state, event);
  return state.incident;
}

/** Applies one event; events before `opened` and of unknown types change nothing. */
export function applyEvent(state: FoldState, event: JournalEvent): FoldState {
  const data = event.data;
  if (event.type === 'opened') {
    const incident: Incident = {
      id: text(data.id) ?? 'unknown',
      title: text(data.title) ?? '(untitled)',
      severity: parseSeverity(text(data.severity)) ?? 'P2',
      status: 'investigating',
      roles: {commander: text(data.commander) ?? event.actor.user},
      impact: undefined,
      rootCause: undefined,
      summary: undefined,
      openedAt: event.at,
      openedBy: event.actor.user,
      closedAt: undefined,
      milestones: {},
      impliedMilestones: {
        started: {at: event.at, by: 'the incident was opened'},
        detected: {at: event.at, by: 'the incident was opened'},
        acknowledged: {at: event.at, by: 'the incident was opened'},
      },
      eventCount: 1,
    };
    return {incident};
  }
  const current = state.incident;
  if (!current) return state;
  const incident: Incident = {...current, eventCount: current.eventCount + 1};
  const imply = (name: MilestoneName, at: string, by: string) => {
    if (!incident.impliedMilestones[name])
      incident.impliedMilestones = {...incident.impliedMilestones, [name]: {at, by}};
  };
  switch (event.type) {
    case 'severity.changed':
      incident.severity = parseSeverity(text(data.to)) ?? incident.severity;
      break;
    case 'status.changed':
      if (isIncidentStatus(data.to)) incident.status = data.to;
      if (data.to === 'monitoring') imply('mitigated', event.at, 'the status became monitoring');
      if (data.to === 'resolved') imply('resolved', event.at, 'the status became resolved');
      break;
    case 'role.assigned':
      if (isIncidentRole(data.role))
        incident.roles = {...incident.roles, [data.role]: text(data.person)};
      break;
    case 'impact.set':
      incident.impact = text(data.impact) ?? incident.impact;
      break;
    case 'milestone':
      if (isMilestoneName(data.milestone)) {
        incident.milestones = {
          ...incident.milestones,
          [data.milestone]: text(data.occurredAt) ?? event.at,
        };
      }
      break;
    case 'alert.raised': {
      // An alert raised before anyone opened the incident (carried over at open) is its detection.
      const raisedAt = text(data.occurredAt) ?? event.at;
      const detected = incident.impliedMilestones.detected;
      if (detected && Date.parse(raisedAt) < Date.parse(detected.at)) {
        incident.impliedMilestones = {
          ...incident.impliedMilestones,
          detected: {at: raisedAt, by: 'the first alert'},
        };
      }
      break;
    }
    case 'closed':
      incident.closedAt = event.at;
      incident.status = 'resolved';
      incident.impact = text(data.impact) ?? incident.impact;
      incident.rootCause = text(data.rootCause) ?? incident.rootCause;
      incident.summary = text(data.summary) ?? incident.summary;
      // Closing resolves; it says nothing about when the impact was mitigated.
      imply('resolved', event.at, 'the incident was closed');
      break;
  }
  return {incident};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
