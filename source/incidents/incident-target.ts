import {listIncidentIds, readIncident, type StoredIncident} from './incident-catalog';

/** The database target an incident was opened against (a label, never credentials). */
export function targetOf(stored: StoredIncident): string | undefined {
  const opened = stored.events.find((event) => event.type === 'opened');
  const target = opened?.data.target;
  return typeof target === 'string' ? target : undefined;
}

/**
 * The newest open incident opened against `target` (or with no target recorded, from before
 * targets were), and else the newest open one opened against another target.
 */
export async function openIncidentsFor(
  home: string,
  target: string,
): Promise<{same: StoredIncident | undefined; other: StoredIncident | undefined}> {
  let other: StoredIncident | undefined;
  for (const id of (await listIncidentIds(home)).reverse()) {
    const stored = await readIncident(home, id).catch(() => undefined);
    if (!stored || stored.incident.closedAt !== undefined) continue;
    const openedOn = targetOf(stored);
    if (openedOn === undefined || openedOn === target) return {same: stored, other};
    other ??= stored;
  }
  return {same: undefined, other};
}
