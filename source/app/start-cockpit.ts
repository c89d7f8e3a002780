import {createApplicationActionRunner} from '../actions/application-action-runner';
import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import type {ConnectionTarget} from '../sources/connection-target';
import {createCockpitStore} from '../store/cockpit-store';
import {storeTimelineSink} from '../timeline/timeline-sink';
import {osc52Sequence} from '../ui/clipboard';
import {CockpitController} from './cockpit-controller';
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
  /** Runs after the UI is gone and the connection closed (the demo stops its server here). */
  afterShutdown?: () => Promise<void>;
};

/** Opens the cockpit full screen at once, connecting in the background; resolves with the exit code. */
export async function startCockpit(options: StartCockpitOptions): Promise<number> {
  const store = createCockpitStore({
    databaseLabel: options.databaseLabel,
    readOnly: options.readOnly,
    refreshSeconds: options.refreshSeconds,
  });
  const timeline = storeTimelineSink(store);
  const application = options.application ?? resolveApplicationSettings();
  const controller = new CockpitController({
    store,
    timeline,
    application,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  Promise.resolve(options.target).then(
    (target) => {
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
  return runFullScreen({
    store,
    application,
    actions: {
      setPaused: (paused) => controller.setPaused(paused),
      setRefreshSeconds: (seconds) => controller.setRefreshSeconds(seconds),
      recordEvent: (event) => timeline.record(event),
      runDatabaseAction: (request) => controller.runDatabaseAction(request),
      recordCancelledAction: (request) => void controller.recordCancelledAction(request),
      // An OSC sequence moves no cursor and prints nothing, so it cannot disturb Ink's frame.
      copyToClipboard: (text) => void process.stdout.write(osc52Sequence(text).sequence),
      runApplicationAction: createApplicationActionRunner({
        lifeline: () => controller.database,
        timeline,
        readOnly: options.readOnly,
        secrets: application.secrets,
      }),
    },
    shutdown: async () => {
      await controller.stop();
      await options.afterShutdown?.();
    },
  });
}
