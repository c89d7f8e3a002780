import type {IncidentDialogId} from './incident-dialogs';

/** Key commands that open an incident overlay, and the overlay each opens. */
export const incidentCommandDialogs: Record<string, IncidentDialogId> = {
  'incident.note': 'note',
  'incident.open': 'open',
  'incident.severity': 'severity',
  'incident.status': 'status',
  'incident.role': 'role',
  'incident.milestone': 'milestone',
  'incident.impact': 'impact',
  'incident.close': 'close',
};

/** The `ui.overlay` value of an incident overlay. */
export function overlayOf(dialog: IncidentDialogId): string {
  return `incident:${dialog}`;
}

/**
 * What an incident key does given whether an incident is open and the program can write to it:
 * the overlay to open, or a message saying why not. Undefined for keys that are not incident keys.
 */
export function incidentKeyOutcome(
  command: string,
  state: {incidentOpen: boolean; canWrite: boolean},
): {overlay?: string; message?: string} | undefined {
  const dialog = incidentCommandDialogs[command];
  if (!dialog) return undefined;
  if (!state.canWrite) return {message: 'this view cannot change the incident'};
  if (dialog === 'open') {
    return state.incidentOpen
      ? {message: 'an incident is already open; close it with x first'}
      : {overlay: overlayOf(dialog)};
  }
  if (!state.incidentOpen) return {message: 'no incident is open: press o to open one'};
  return {overlay: overlayOf(dialog)};
}
