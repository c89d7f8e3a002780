import {mkdir} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';

/**
 * The cockpit's state directory: `$COCKPIT_HOME`, else `$XDG_STATE_HOME/incident-cockpit`, else
 * `~/.local/state/incident-cockpit` (the XDG default for state).
 */
export function stateDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  if (environment.COCKPIT_HOME) return environment.COCKPIT_HOME;
  const stateHome = environment.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(stateHome, 'incident-cockpit');
}

/** Where the incident journals and their reports live. */
export function incidentsDirectory(home: string): string {
  return join(home, 'incidents');
}

/** The journal file of one incident. */
export function journalPathOf(home: string, incidentId: string): string {
  return join(incidentsDirectory(home), `${incidentId}.jsonl`);
}

/** The Markdown report written next to the journal when the incident closes. */
export function reportPathOf(home: string, incidentId: string): string {
  return join(incidentsDirectory(home), `${incidentId}.md`);
}

/** Creates the incidents directory, readable by its owner only (journals hold incident details). */
export async function ensureIncidentsDirectory(home: string): Promise<string> {
  const directory = incidentsDirectory(home);
  await mkdir(directory, {recursive: true, mode: 0o700});
  return directory;
}
