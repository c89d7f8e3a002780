import {startCockpit} from '../app/start-cockpit';
import {startDemoEdgeFunctions} from '../demo/demo-edge-functions';
import {demoApplicationSettings} from '../demo/demo-settings';
import {findScenario, scenarios} from '../demo/scenarios/scenario-catalog';
import {startDemo} from '../demo/start-demo';
import {stopDemoCampaign} from '../demo/stop-demo-campaign';
import {UsageError} from '../errors';
import {type IncidentFlags, incidentStartFrom} from '../incidents/incident-options';
import {type ShareFlags, shareSetupFrom} from '../share/start-sharing';
import {parseConnectionTarget} from '../sources/connection-target';

/** Options of `cockpit demo`. */
export type DemoOptions = {
  scenario: string | undefined;
  readOnly: boolean;
  refreshSeconds: number;
  incident?: IncidentFlags;
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
    application: demoApplicationSettings(edgeFunctions),
    incident,
    share,
    present: options.present,
    afterShutdown: async () => {
      await (await demo.catch(() => undefined))?.stop();
      await edgeFunctions.close();
    },
  });
}
