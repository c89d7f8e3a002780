import {writeFile} from 'node:fs/promises';
import {foldIncident} from '../incidents/incident-fold';
import type {JournalEvent} from '../journal/journal-event';
import {reportPathOf} from '../journal/state-directory';
import {redactSecrets} from '../text/redact-secrets';
import {renderMarkdownReport} from './markdown-report';

/** Writes the Markdown report next to the journal (mode 0600) and returns its path. */
export async function writeReportFile(
  home: string,
  events: readonly JournalEvent[],
  knownSecrets: readonly string[] = [],
): Promise<string> {
  const incident = foldIncident(events);
  if (!incident) throw new Error('cannot write a report for a journal without an opened event');
  const path = reportPathOf(home, incident.id);
  await writeFile(path, redactSecrets(renderMarkdownReport(events), knownSecrets), {mode: 0o600});
  return path;
}
