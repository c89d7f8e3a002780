import {foldIncident} from '../incidents/incident-fold';
import {incidentDurations} from '../incidents/milestones';
import type {JournalEvent} from '../journal/journal-event';
import {redactDeep} from '../journal/redact-event-data';

/** The JSON export: the folded incident, its durations and every event, deterministically. */
export function renderJsonExport(
  events: readonly JournalEvent[],
  knownSecrets: readonly string[] = [],
): string {
  const incident = foldIncident(events);
  const document = {
    format: 'incident-cockpit.incident/1',
    incident: incident ?? null,
    durations: incident ? incidentDurations(incident) : null,
    events,
  };
  // Journals written by older builds, or edited by hand, are redacted once more on the way out.
  return `${JSON.stringify(redactDeep(document, knownSecrets), null, 2)}\n`;
}
