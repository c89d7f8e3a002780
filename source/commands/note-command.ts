import {CockpitError} from '../errors';
import {findOpenIncident} from '../incidents/incident-catalog';
import {type NoteData, noteData} from '../incidents/note-input';
import {formatTimestamp, type TimeZoneChoice, timeZoneFrom} from '../incidents/time-zone';
import {actorOf} from '../journal/event-actor';
import {IncidentJournal} from '../journal/incident-journal';
import {asJournalError} from '../journal/journal-errors';
import {stateDirectory} from '../journal/state-directory';
import {learnSharedSecrets} from '../secrets/shared-secrets-of-incident';
import {journalSecrets} from './journal-secrets';

/** Arguments of `cockpit note`. */
export type NoteOptions = {
  text: string;
  tags: string[];
  at?: string;
  localTime?: boolean;
  config?: string;
};

/**
 * `cockpit note TEXT [--tag TAG] [--at HH:MM]`: appends a note to the open incident from any
 * shell; the running cockpit picks it up within a second. Prints where it went once it is on disk.
 */
export async function runNote(
  options: NoteOptions,
  environment: NodeJS.ProcessEnv = process.env,
  output: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const zone = timeZoneFrom(options.localTime, environment);
  const now = Date.now();
  const data = noteData({text: options.text, tags: options.tags, at: options.at, now, zone});
  const home = stateDirectory(environment);
  try {
    return await appendNote(home, data, zone, options, environment, output);
  } catch (error) {
    throw asJournalError(error, home);
  }
}

async function appendNote(
  home: string,
  data: NoteData,
  zone: TimeZoneChoice,
  options: NoteOptions,
  environment: NodeJS.ProcessEnv,
  output: NodeJS.WritableStream,
): Promise<number> {
  const open = await findOpenIncident(home);
  if (!open) {
    throw new CockpitError(`no incident is open in ${home}`, {
      hint: 'open one with cockpit --new "title" --severity P1',
    });
  }
  // The running cockpit's secrets (its --db password, configured header values) are not in this
  // shell's environment: its shared list of their hashes is.
  await learnSharedSecrets(open.path);
  const journal = await IncidentJournal.open(open.path, {
    actor: actorOf('note'),
    knownSecrets: await journalSecrets({environment, configPath: options.config}),
  });
  const event = await journal.append({type: 'note', data});
  const when = data.occurredAt
    ? `${formatTimestamp(Date.parse(data.occurredAt), zone)} (noted ${formatTimestamp(Date.parse(event.at), zone)})`
    : formatTimestamp(Date.parse(event.at), zone);
  output.write(`noted in ${open.incident.id} as event ${event.seq} at ${when}\n`);
  return 0;
}
