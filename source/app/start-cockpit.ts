import {createWritePipeline} from '../actions/write-pipeline';
import {journalSecrets} from '../commands/journal-secrets';
import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import type {CockpitConfig} from '../config/cockpit-config';
import {CockpitError} from '../errors';
import {type IncidentActions, incidentActionsOf} from '../incidents/incident-actions';
import type {IncidentStart} from '../incidents/incident-options';
import {IncidentSession} from '../incidents/incident-session';
import {actorOf} from '../journal/event-actor';
import {asJournalError} from '../journal/journal-errors';
import {stateDirectory} from '../journal/state-directory';
import {writeReportFile} from '../report/write-report';
import type {RunbookSources} from '../runbooks/runbook-source-paths';
import type {SchemaNames} from '../runbooks/schema-names';
import type {ShareHost} from '../share/share-host';
import type {ShareSetup} from '../share/share-setup';
import type {ConnectionTarget} from '../sources/connection-target';
import {createCockpitStore} from '../store/cockpit-store';
import {rememberSecrets, secretsOfConnectionString} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {osc52Sequence} from '../ui/clipboard';
import {CockpitController} from './cockpit-controller';
import {loadRunbooksInBackground} from './load-runbooks';
import {resumeForTarget, withElsewhereIncident} from './resume-elsewhere';
import {runFullScreen} from './run-full-screen';

/** What starting the full-screen cockpit needs, whichever command starts it. */
export type StartCockpitOptions = {
  databaseLabel: string;
  /** The database, or a promise of it while something (the demo server) is still starting. */
  target: ConnectionTarget | Promise<ConnectionTarget>;
  /** How to name the database once it is known (default: its `user@host:port/database`). */
  labelFor?: (target: ConnectionTarget) => string;
  readOnly: boolean;
  refreshSeconds: number;
  statementTimeoutMs?: number;
  /** The application panes' configuration; defaults fit the demo schema. */
  application?: ApplicationSettings;
  /** Open a new incident (`--new`) and how to show times; otherwise the open one is resumed. */
  incident?: IncidentStart;
  /** The configuration as loaded, for its secrets; without it the default search path is read. */
  config?: CockpitConfig;
  environment?: NodeJS.ProcessEnv;
  /** Where incidents are journaled (default: the state directory; the demo has its own). */
  home?: string;
  /**
   * The database target recorded on the incident and its alerts, and compared at resume
   * (default: `databaseLabel`); a label, never credentials.
   */
  targetLabel?: string;
  /** The runbooks to load (default: the built-in library) and the product's schema names. */
  runbooks?: {
    sources: RunbookSources;
    names: SchemaNames;
    /** Alert ids that suggest a runbook beyond its own triggers (signals), by runbook id. */
    extraTriggers?: Record<string, string[]>;
  };
  /** `--share`: serve read-only viewers beside the cockpit. */
  share?: ShareSetup;
  /** `--present`: mask customer data on this screen from the start. */
  present?: boolean;
  /** Runs after the UI is gone and the connection closed (the demo stops its server here). */
  afterShutdown?: () => Promise<void>;
};

/** Opens the cockpit full screen at once, connecting in the background; resolves with the exit code. */
export async function startCockpit(options: StartCockpitOptions): Promise<number> {
  const environment = options.environment ?? process.env;
  const store = createCockpitStore({
    databaseLabel: options.databaseLabel,
    readOnly: options.readOnly,
    refreshSeconds: options.refreshSeconds,
  });
  const application = options.application ?? resolveApplicationSettings();
  const zone = options.incident?.localTime ? 'local' : 'utc';
  store.setState({timeZone: zone});
  // Everything secret this process knows goes to the one redactor (screen, journal, exports) and,
  // hashed, to the incident's shared list for `cockpit note` from other shells.
  const knownSecrets = await journalSecrets({
    environment,
    config: options.config,
    extraUrls: 'connectionString' in options.target ? [options.target.connectionString] : [],
    values: application.secrets,
  });
  const warnings: string[] = [];
  const home = options.home ?? stateDirectory(environment);
  const targetLabel = options.targetLabel ?? options.databaseLabel;
  const session = new IncidentSession(store, {
    home,
    target: targetLabel,
    actor: actorOf('cockpit'),
    knownSecrets,
    writeReport: (events) => writeReportFile(home, events, knownSecrets),
    onWarning: (warning) => {
      warnings.push(warning);
      store.getState().updateUi({message: `journal: ${warning}`});
    },
  });
  try {
    const resumed = await resumeForTarget({session, store, home}, targetLabel);
    const wanted = options.incident?.open;
    if (wanted && resumed) {
      const open = store.getState().incident;
      throw new CockpitError(`incident ${open?.id} is still open`, {
        hint: 'run cockpit to resume it, and close it (x) before opening another',
      });
    }
    if (wanted) await session.open(wanted.title, wanted.severity);
  } catch (error) {
    throw asJournalError(error, home);
  }
  const timeline = session.timeline;
  if (options.present) store.getState().updateShare({presenting: true});
  let shareHost: ShareHost | undefined;
  if (options.share) {
    // Loaded only to share: the server, its protocol and its schemas are not a launch's cost.
    const {startSharing} = await import('../share/start-sharing');
    shareHost = await startSharing({
      store,
      setup: options.share,
      knownSecrets: [...knownSecrets, ...application.secrets],
      record: (event) => timeline.record(event),
    });
  }
  const controller = new CockpitController({
    store,
    timeline,
    application,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  Promise.resolve(options.target).then(
    (target) => {
      // The demo's password is known only once its server is up.
      rememberSecrets(secretsOfConnectionString(target.connectionString));
      void session.publishSecrets();
      const label = options.labelFor?.(target) ?? target.label;
      store.setState((state) => ({database: {...state.database, label}}));
      controller.start(target);
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      store.getState().setDatabaseStatus({kind: 'closed'});
      void timeline.record({kind: 'database.outage', text: `could not start: ${reason}`});
    },
  );
  const incident: IncidentActions = withElsewhereIncident(incidentActionsOf(session, {zone}), {
    session,
    store,
    home,
  });
  loadRunbooksInBackground(
    store,
    options.runbooks?.sources,
    options.runbooks?.names,
    options.runbooks?.extraTriggers,
  );
  // Every change to the database or the application goes through this one pipeline.
  const pipeline = createWritePipeline({
    lifeline: () => controller.database,
    timeline,
    readOnly: options.readOnly,
    secrets: application.secrets,
    onPossibleChange: () => controller.readTablesInFull(),
  });
  const exitCode = await runFullScreen({
    store,
    application,
    actions: {
      setPaused: (paused) => controller.setPaused(paused),
      setRefreshSeconds: (seconds) => controller.setRefreshSeconds(seconds),
      reconnectNow: () => controller.reconnectNow(),
      recordEvent: (event) => timeline.record(event),
      runDatabaseAction: pipeline.runDatabaseAction,
      recordCancelledAction: pipeline.cancelDatabaseAction,
      // An OSC sequence moves no cursor and prints nothing, so it cannot disturb Ink's frame.
      copyToClipboard: (text) => void process.stdout.write(osc52Sequence(text).sequence),
      runApplicationAction: pipeline.runApplicationAction,
      incident,
      refusal: pipeline.refusal,
      runRunbookSql: pipeline.runRunbookSql,
      runShellStep: pipeline.runShellStep,
      cancelRunbookStep: pipeline.cancelRunbookStep,
      runRunbookReads: pipeline.runRunbookReads,
    },
    shutdown: async () => {
      await shareHost?.stop();
      await controller.stop();
      await session.settled();
      session.stop();
      await options.afterShutdown?.();
    },
  });
  // The terminal is restored by now: what the operator needs next goes to the normal screen.
  for (const warning of warnings) process.stderr.write(`cockpit: journal warning: ${warning}\n`);
  // The journal never took these: the terminal is the last place they can go.
  for (const text of session.heldTexts())
    process.stderr.write(
      `cockpit: not journaled: ${sanitizeTerminalText(text, {maxLength: 4000})}\n`,
    );
  if (session.reportPath) process.stdout.write(`Incident report: ${session.reportPath}\n`);
  const open = store.getState().incident;
  if (open) process.stdout.write(`Incident ${open.id} is still open; run cockpit to resume it.\n`);
  return exitCode;
}
