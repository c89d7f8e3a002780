import path from 'node:path';
import {startCockpit} from '../app/start-cockpit';
import {startDemoEdgeFunctions} from '../demo/demo-edge-functions';
import {demoApplicationSettings} from '../demo/demo-settings';
import {findScenario, scenarios} from '../demo/scenarios/scenario-catalog';
import {startDemo} from '../demo/start-demo';
import {stopDemoCampaign} from '../demo/stop-demo-campaign';
import {UsageError} from '../errors';
import {type IncidentFlags, incidentStartFrom} from '../incidents/incident-options';
import {stateDirectory} from '../journal/state-directory';
import {defaultSchemaNames} from '../runbooks/default-schema-names';
import {runbookSourcesFrom} from '../runbooks/runbook-source-paths';
import {type ShareFlags, shareSetupFrom} from '../share/share-setup';
import {parseConnectionTarget} from '../sources/connection-target';
import {requireTerminal} from '../terminal/require-terminal';

/** The demo's own state directory, `$COCKPIT_HOME/demo/`: its incidents never mix with real ones. */
export function demoHome(environment: NodeJS.ProcessEnv): string {
  return path.join(stateDirectory(environment), 'demo');
}

/** Options of `cockpit demo`. */
export type DemoOptions = {
  scenario: string | undefined;
  readOnly: boolean;
  refreshSeconds: number;
  incident?: IncidentFlags;
  /** `--runbooks PATH`: a team's runbooks tried on the demo, beside the library. */
  runbookPaths?: string[];
  share?: ShareFlags;
  present?: boolean;
};

/**
 * `cockpit demo`: starts an embedded PostgreSQL, plays a scripted incident against it and opens
 * the cockpit on it. The screen appears at once; the panes fill in as the server comes up.
 * Quitting stops the server and deletes its data.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const scenario = options.scenario === undefined ? scenarios[0]! : findScenario(options.scenario);
  if (!scenario) {
    throw new UsageError(
      `unknown scenario "${options.scenario}"`,
      `choose one of: ${scenarios.map((candidate) => candidate.name).join(', ')}`,
    );
  }
  const share = shareSetupFrom(options.share ?? {});
  requireTerminal();
  const edgeFunctions = await startDemoEdgeFunctions();
  const incident = incidentStartFrom(options.incident);
  const demo = startDemo(scenario, undefined, edgeFunctions);
  void demo.then(
    (running) =>
      edgeFunctions.setCampaignStopper((id) => stopDemoCampaign(running.connectionString, id)),
    () => undefined,
  );
  return startCockpit({
    databaseLabel: `demo "${scenario.name}" (starting embedded PostgreSQL…)`,
    target: demo.then((running) => parseConnectionTarget(running.connectionString)),
    labelFor: (target) => `demo "${scenario.name}" · ${target.label}`,
    readOnly: options.readOnly,
    refreshSeconds: options.refreshSeconds,
    // The demo's incidents live apart, so a real incident never resumes into the demo's.
    home: demoHome(process.env),
    targetLabel: 'demo',
    application: demoApplicationSettings(edgeFunctions),
    incident,
    runbooks: {
      sources: runbookSourcesFrom({
        config: {},
        configFile: undefined,
        flagPaths: options.runbookPaths,
      }),
      names: defaultSchemaNames(),
    },
    share,
    present: options.present,
    afterShutdown: async () => {
      await (await demo.catch(() => undefined))?.stop();
      await edgeFunctions.close();
    },
  });
}
