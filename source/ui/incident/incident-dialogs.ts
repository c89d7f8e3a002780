import type {IncidentActions} from '../../incidents/incident-actions';
import {
  type IncidentRole,
  type IncidentStatus,
  incidentRoles,
  incidentStatuses,
  type MilestoneName,
} from '../../incidents/incident-model';
import {severityLevels} from '../../incidents/severity';
import type {IncidentHeader, Severity} from '../../store/slices/incident-slice';
import {type DialogState, openDialog} from './dialog-state';

/** The incident overlays, named as `ui.overlay` holds them (`incident:note`, …). */
export const incidentDialogIds = [
  'note',
  'open',
  'severity',
  'status',
  'role',
  'milestone',
  'impact',
  'close',
] as const;
export type IncidentDialogId = (typeof incidentDialogIds)[number];

const severities = severityLevels.map((level) => level.severity);
const severityHints = severityLevels.map(
  (level) =>
    `${level.label}: respond within ${level.responseTime}, escalate to ${level.escalation}`,
);
const milestones = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;

/** The questions of each overlay, starting from the incident as it is. */
export function dialogFor(id: IncidentDialogId, incident: IncidentHeader | undefined): DialogState {
  switch (id) {
    case 'note':
      return openDialog('Note', [
        {
          kind: 'text',
          label: 'note (#rootcause #fix #followup #decision #impact; @HH:MM first to back-date)',
          value: '',
        },
      ]);
    case 'open':
      return openDialog('Open incident', [
        {kind: 'text', label: 'title', value: ''},
        {kind: 'choice', label: 'severity', options: severities, index: 2, hints: severityHints},
      ]);
    case 'severity':
      return openDialog('Severity', [
        {
          kind: 'choice',
          label: 'severity',
          options: severities,
          index: Math.max(0, severities.indexOf(incident?.severity ?? 'P2')),
          hints: severityHints,
        },
      ]);
    case 'status':
      return openDialog('Status', [
        {
          kind: 'choice',
          label: 'status',
          options: incidentStatuses,
          index: Math.max(0, incidentStatuses.indexOf(incident?.status as IncidentStatus)),
        },
      ]);
    case 'role':
      return openDialog('Assign role', [
        {kind: 'choice', label: 'role', options: incidentRoles, index: 0},
        {kind: 'text', label: 'name', value: ''},
      ]);
    case 'milestone':
      return openDialog('Milestone', [
        {kind: 'choice', label: 'milestone', options: milestones, index: 0},
        {kind: 'text', label: 'at HH:MM (empty: now)', value: '', optional: true},
      ]);
    case 'impact':
      return openDialog('Impact', [{kind: 'text', label: 'impact on users', value: ''}]);
    case 'close':
      return openDialog('Close incident', [
        {kind: 'text', label: 'impact', value: ''},
        {kind: 'text', label: 'root-cause summary', value: ''},
        {kind: 'choice', label: 'close and write the report?', options: ['no', 'yes'], index: 0},
      ]);
  }
}

/** `@14:02 text` → the time and the text; anything else is text written now. */
export function splitBackdate(text: string): {at?: string; text: string} {
  const match = /^@(\d{1,2}:\d{2})\s+([\s\S]*)$/.exec(text.trim());
  return match ? {at: match[1], text: match[2]!} : {text};
}

/** Runs what a completed overlay asks for; resolves with the footer message. */
export async function submitDialog(
  id: IncidentDialogId,
  answers: readonly string[],
  actions: IncidentActions,
): Promise<string> {
  const [first = '', second = '', third = ''] = answers;
  switch (id) {
    case 'note': {
      const note = splitBackdate(first);
      return actions.note(note.text, note.at);
    }
    case 'open':
      return actions.open(first, second as Severity);
    case 'severity':
      return actions.setSeverity(first as Severity);
    case 'status':
      return actions.setStatus(first as IncidentStatus);
    case 'role':
      return actions.assignRole(first as IncidentRole, second);
    case 'milestone':
      return actions.markMilestone(first as MilestoneName, second || undefined);
    case 'impact':
      return actions.setImpact(first);
    case 'close':
      if (third !== 'yes') return 'the incident stays open';
      return actions.close({impact: first, rootCause: second});
  }
}
