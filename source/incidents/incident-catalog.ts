import {readdir} from 'node:fs/promises';
import {CockpitError} from '../errors';
import type {JournalEvent} from '../journal/journal-event';
import {endsClosed, loadJournal} from '../journal/journal-tail';
import {incidentsDirectory, journalPathOf} from '../journal/state-directory';
import {foldIncident} from './incident-fold';
import {isIncidentId} from './incident-id';
import type {Incident} from './incident-model';

/** One incident read from disk: its fold, its events and what was wrong with the file. */
export type StoredIncident = {
  incident: Incident;
  events: JournalEvent[];
  warnings: string[];
  path: string;
};

/** Ids of every journal in the state directory, oldest first (ids sort by opening time). */
export async function listIncidentIds(home: string): Promise<string[]> {
  const names = await readdir(incidentsDirectory(home)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => name.slice(0, -'.jsonl'.length))
    .filter(isIncidentId)
    .sort();
}

/** Reads one incident; undefined when its journal has no `opened` event. */
export async function readIncident(home: string, id: string): Promise<StoredIncident | undefined> {
  const path = journalPathOf(home, id);
  const {events, warnings} = await loadJournal(path);
  const incident = foldIncident(events);
  return incident ? {incident, events, warnings, path} : undefined;
}

/** Reads the incident `id` or fails with a one-line error naming what exists. */
export async function requireIncident(home: string, id: string): Promise<StoredIncident> {
  if (!isIncidentId(id)) {
    throw new CockpitError(`"${id}" is not an incident id`, {
      hint: 'run cockpit incidents ls for the ids',
      exitCode: 2,
    });
  }
  const stored = await readIncident(home, id).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!stored) {
    throw new CockpitError(`no incident "${id}" in ${incidentsDirectory(home)}`, {
      hint: 'run cockpit incidents ls for the ids',
    });
  }
  return stored;
}

/** Every incident, oldest first; unreadable journals are skipped. */
export async function readAllIncidents(home: string): Promise<StoredIncident[]> {
  const incidents: StoredIncident[] = [];
  for (const id of await listIncidentIds(home)) {
    const stored = await readIncident(home, id).catch(() => undefined);
    if (stored) incidents.push(stored);
  }
  return incidents;
}

/** The newest incident that is not closed: the one `cockpit` resumes and `cockpit note` writes to. */
export async function findOpenIncident(home: string): Promise<StoredIncident | undefined> {
  const ids = await listIncidentIds(home);
  for (const id of ids.reverse()) {
    if (await endsClosed(journalPathOf(home, id)).catch(() => false)) continue;
    const stored = await readIncident(home, id).catch(() => undefined);
    if (stored && stored.incident.closedAt === undefined) return stored;
  }
  return undefined;
}
