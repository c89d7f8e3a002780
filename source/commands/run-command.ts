import {startCockpit} from '../app/start-cockpit';
import {resolveApplicationSettings} from '../config/application-settings';
import {loadConfig} from '../config/load-config';
import {type IncidentFlags, incidentStartFrom} from '../incidents/incident-options';
import {type ShareFlags, shareSetupFrom} from '../share/start-sharing';
import {parseConnectionTarget} from '../sources/connection-target';
import {runDemo} from './demo-command';
import {refreshSecondsFrom} from './shared-flags';

/** Flags of `cockpit` (run). */
export type RunFlags = {
  db?: string;
  config?: string;
  readOnly: boolean;
  /** `--refresh` as typed. */
  refresh?: string;
  incident?: IncidentFlags;
  /** `--share*` flags and `--present`. */
  share?: ShareFlags;
  present?: boolean;
};

/**
 * `cockpit`: the full-screen cockpit on the database from `--db`, `DATABASE_URL` or the config
 * file, in that order; with none of them, the demo.
 */
export async function runCockpit(
  flags: RunFlags,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const {config} = loadConfig({explicitPath: flags.config, environment});
  const origin = flags.db
    ? '--db'
    : environment.DATABASE_URL
      ? 'DATABASE_URL'
      : 'database.url in the config file';
  const url = flags.db ?? environment.DATABASE_URL ?? config.database?.url;
  const refreshSeconds = refreshSecondsFrom(flags.refresh, config.refreshSeconds);
  const readOnly = flags.readOnly || config.readOnly === true;
  const application = resolveApplicationSettings(config, environment);
  const incident = incidentStartFrom(flags.incident);
  if (!url)
    return runDemo({
      scenario: undefined,
      readOnly,
      refreshSeconds,
      incident: flags.incident,
      share: flags.share,
      present: flags.present,
    });
  const share = shareSetupFrom(flags.share ?? {});
  const target = parseConnectionTarget(url, origin);
  return startCockpit({
    databaseLabel: target.label,
    target,
    readOnly,
    refreshSeconds,
    statementTimeoutMs: config.database?.statementTimeoutMs,
    application,
    incident,
    configPath: flags.config,
    share,
    present: flags.present,
  });
}
