import type {JournalEvent} from '../journal/journal-event';
import {
  type Incident,
  isIncidentRole,
  isIncidentStatus,
  isMilestoneName,
  type MilestoneName,
} from './incident-model';
import {parseSeverity} from './severity';

/** The fold's running state: the incident and which milestones were only implied. */
export type FoldState = {incident: Incident | undefined; implied: Set<MilestoneName>};

/** The state before any event. */
export function emptyFold(): FoldState {
  return {incident: undefined, implied: new Set()};
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
      milestones: {started: event.at, detected: event.at, acknowledged: event.at},
      eventCount: 1,
    };
    return {incident, implied: new Set(['started', 'detected', 'acknowledged'])};
  }
  const current = state.incident;
  if (!current) return state;
  const incident: Incident = {...current, eventCount: current.eventCount + 1};
  const implied = new Set(state.implied);
  const imply = (name: MilestoneName, at: string) => {
    if (!incident.milestones[name]) {
      incident.milestones = {...incident.milestones, [name]: at};
      implied.add(name);
    }
  };
  switch (event.type) {
    case 'severity.changed':
      incident.severity = parseSeverity(text(data.to)) ?? incident.severity;
      break;
    case 'status.changed':
      if (isIncidentStatus(data.to)) incident.status = data.to;
      if (data.to === 'identified') imply('acknowledged', event.at);
      if (data.to === 'monitoring') imply('mitigated', event.at);
      if (data.to === 'resolved') imply('resolved', event.at);
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
        implied.delete(data.milestone);
      }
      break;
    case 'alert.raised': {
      // An alert raised before anyone opened the incident (carried over at open) is its detection.
      const raisedAt = text(data.occurredAt) ?? event.at;
      const detected = incident.milestones.detected;
      if (implied.has('detected') && detected && raisedAt < detected) {
        incident.milestones = {...incident.milestones, detected: raisedAt};
      }
      break;
    }
    case 'closed':
      incident.closedAt = event.at;
      incident.status = 'resolved';
      incident.impact = text(data.impact) ?? incident.impact;
      incident.rootCause = text(data.rootCause) ?? incident.rootCause;
      incident.summary = text(data.summary) ?? incident.summary;
      imply('resolved', event.at);
      imply('mitigated', event.at);
      break;
  }
  return {incident, implied};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
