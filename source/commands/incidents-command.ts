import {writeFile} from 'node:fs/promises';
import {dirname} from 'node:path';
import {UsageError} from '../errors';
import {describeEvent, occurredAtOf} from '../incidents/describe-event';
import {readAllIncidents, requireIncident} from '../incidents/incident-catalog';
import {formatTimestamp, timeZoneFrom} from '../incidents/time-zone';
import {asJournalError} from '../journal/journal-errors';
import {stateDirectory} from '../journal/state-directory';
import {renderJsonExport} from '../report/json-export';
import {renderMarkdownReport} from '../report/markdown-report';
import {learnSharedSecrets} from '../secrets/shared-secrets-of-incident';
import {fitToWidth} from '../text/format';
import {redactSecrets} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {journalSecrets} from './journal-secrets';

/** Arguments of `cockpit incidents ls|show|export`. */
export type IncidentsOptions = {
  subcommand: string | undefined;
  id?: string;
  json?: boolean;
  format?: string;
  out?: string;
  localTime?: boolean;
  config?: string;
};

/** One incident in `incidents ls --json`. */
export type IncidentListItem = {
  id: string;
  title: string;
  severity: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
};

/** `cockpit incidents ls [--json] | show ID | export ID [--format md|json] [--out FILE]`. */
export async function runIncidents(
  options: IncidentsOptions,
  environment: NodeJS.ProcessEnv = process.env,
  output: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const home = stateDirectory(environment);
  try {
    return await runSubcommand(home, options, environment, output);
  } catch (error) {
    throw asJournalError(error, home);
  }
}

async function runSubcommand(
  home: string,
  options: IncidentsOptions,
  environment: NodeJS.ProcessEnv,
  output: NodeJS.WritableStream,
): Promise<number> {
  const zone = timeZoneFrom(options.localTime, environment);
  const secrets = await journalSecrets({environment, configPath: options.config});
  switch (options.subcommand) {
    case 'ls': {
      const incidents = await readAllIncidents(home);
      const items: IncidentListItem[] = incidents.map(({incident}) => ({
        id: incident.id,
        title: incident.title,
        severity: incident.severity,
        status: incident.status,
        openedAt: incident.openedAt,
        closedAt: incident.closedAt ?? null,
      }));
      if (options.json) {
        output.write(`${redactSecrets(JSON.stringify(items, null, 2), secrets)}\n`);
        return 0;
      }
      if (items.length === 0) output.write(`No incidents in ${home}.\n`);
      for (const item of items) {
        const opened = formatTimestamp(Date.parse(item.openedAt), zone);
        output.write(
          `${fitToWidth(item.id, 56)} ${item.severity} ${fitToWidth(item.status, 13)} ${opened}  ${sanitizeTerminalText(item.title, {maxLength: 80})}\n`,
        );
      }
      return 0;
    }
    case 'show': {
      const stored = await requireIncident(home, requireId(options));
      await learnSharedSecrets(stored.path);
      const {incident, events, warnings} = stored;
      const start = Date.parse(incident.openedAt);
      const lines = [
        `${incident.id}  ${incident.severity} ${incident.status}${incident.closedAt ? ' (closed)' : ''}`,
        `title:   ${incident.title}`,
        `opened:  ${formatTimestamp(start, zone)} by ${incident.openedBy}`,
        `closed:  ${incident.closedAt ? formatTimestamp(Date.parse(incident.closedAt), zone) : 'still open'}`,
        `roles:   ${Object.entries(incident.roles)
          .map(([role, person]) => `${role} ${person}`)
          .join(', ')}`,
        `impact:  ${incident.impact ?? 'not stated'}`,
        '',
        ...events.map((event) => {
          const at = occurredAtOf(event);
          const written = Date.parse(event.at);
          const noted = at === written ? '' : ` (noted ${formatTimestamp(written, zone)})`;
          return `${formatTimestamp(at, zone)}${noted}  ${event.actor.user}  ${event.type}: ${describeEvent(event)}`;
        }),
      ];
      for (const line of lines)
        output.write(`${sanitizeTerminalText(redactSecrets(line, secrets), {maxLength: 2000})}\n`);
      for (const warning of warnings) process.stderr.write(`cockpit: warning: ${warning}\n`);
      return 0;
    }
    case 'export': {
      const format = options.format ?? 'md';
      if (format !== 'md' && format !== 'json')
        throw new UsageError(`--format must be md or json (got "${format}")`);
      const stored = await requireIncident(home, requireId(options));
      await learnSharedSecrets(stored.path);
      const text =
        format === 'md'
          ? redactSecrets(renderMarkdownReport(stored.events), secrets)
          : renderJsonExport(stored.events, secrets);
      if (options.out) {
        await writeExport(options.out, text);
        process.stderr.write(`cockpit: wrote ${options.out}\n`);
      } else output.write(text);
      for (const warning of stored.warnings) process.stderr.write(`cockpit: warning: ${warning}\n`);
      return 0;
    }
    default:
      throw new UsageError(
        options.subcommand
          ? `unknown incidents command "${options.subcommand}"`
          : 'incidents needs a command',
        'use cockpit incidents ls | show ID | export ID',
      );
  }
}

function requireId(options: IncidentsOptions): string {
  if (!options.id)
    throw new UsageError(
      `incidents ${options.subcommand} needs an incident id`,
      'run cockpit incidents ls for the ids',
    );
  return options.id;
}

/** Writes an export to `--out`; a path that cannot be written is the flag's fault, not the journal's. */
async function writeExport(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, {mode: 0o600});
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const folder = dirname(path);
    const reasons: Record<string, string> = {
      ENOENT: `the directory ${folder} does not exist`,
      ENOTDIR: `${folder} is not a directory`,
      EACCES: `no permission to write in ${folder}`,
      EISDIR: `${path} is a directory`,
      EROFS: `${folder} is on a read-only file system`,
      ENOSPC: `no space left in ${folder}`,
    };
    const reason = (code && reasons[code]) ?? (error as Error).message;
    throw new UsageError(
      `cannot write --out ${path}: ${reason}`,
      'pass --out with a file in a directory you can write to, or leave --out out to print the report',
    );
  }
}
