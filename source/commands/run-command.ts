import {startCockpit} from '../app/start-cockpit';
import {resolveApplicationSettings} from '../config/application-settings';
import {loadConfig} from '../config/load-config';
import {type IncidentFlags, incidentStartFrom} from '../incidents/incident-options';
import {runbookSourcesFrom, signalTriggersOf} from '../runbooks/runbook-source-paths';
import {schemaNamesFrom} from '../runbooks/schema-names';
import {type ShareFlags, shareSetupFrom} from '../share/share-setup';
import {resolveConnectionTarget} from '../sources/connection-target';
import {requireTerminal} from '../terminal/require-terminal';
import {refreshSecondsFrom} from './shared-flags';

/** Flags of `cockpit` (run). */
export type RunFlags = {
  db?: string;
  config?: string;
  readOnly: boolean;
  /** `--refresh` as typed. */
  refresh?: string;
  incident?: IncidentFlags;
  /** `--runbooks PATH` (repeatable): runbooks beside the library. */
  runbooks?: string[];
  /** `--share*` flags and `--present`. */
  share?: ShareFlags;
  present?: boolean;
};

/**
 * `cockpit`: the full-screen cockpit on the database from `--db`, `DATABASE_URL`, the config
 * file or libpq's PG* environment, in that order; with none of them, the demo.
 */
export async function runCockpit(
  flags: RunFlags,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const {config, file} = await loadConfig({explicitPath: flags.config, environment});
  const target = resolveConnectionTarget(
    {flag: flags.db, configUrl: config.database?.url},
    environment,
  );
  const refreshSeconds = refreshSecondsFrom(flags.refresh, config.refreshSeconds);
  const readOnly = flags.readOnly || config.readOnly === true;
  const application = resolveApplicationSettings(config, environment);
  const incident = incidentStartFrom(flags.incident);
  const runbooks = {
    sources: runbookSourcesFrom({config, configFile: file, flagPaths: flags.runbooks}),
    names: schemaNamesFrom(application, config.schema),
    extraTriggers: signalTriggersOf(application.signals),
  };
  // Without --db the cockpit watches the demo; its server and edge functions load only then.
  if (!target)
    return (await import('./demo-command')).runDemo({
      scenario: undefined,
      readOnly,
      refreshSeconds,
      incident: flags.incident,
      runbookPaths: flags.runbooks,
      share: flags.share,
      present: flags.present,
    });
  const share = shareSetupFrom(flags.share ?? {});
  requireTerminal();
  return startCockpit({
    databaseLabel: target.label,
    target,
    readOnly,
    refreshSeconds,
    statementTimeoutMs: config.database?.statementTimeoutMs,
    application,
    incident,
    config,
    runbooks,
    share,
    present: flags.present,
  });
}
