import {startCockpit} from '../app/start-cockpit';
import {findScenario, scenarios} from '../demo/scenarios/scenario-catalog';
import {startDemo} from '../demo/start-demo';
import {UsageError} from '../errors';
import {type IncidentFlags, incidentStartFrom} from '../incidents/incident-options';
import {parseConnectionTarget} from '../sources/connection-target';

/** Options of `cockpit demo`. */
export type DemoOptions = {
  scenario: string | undefined;
  readOnly: boolean;
  refreshSeconds: number;
  incident?: IncidentFlags;
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
  const incident = incidentStartFrom(options.incident);
  const demo = startDemo(scenario);
  return startCockpit({
    databaseLabel: `demo "${scenario.name}" (starting embedded PostgreSQL…)`,
    target: demo.then((running) => parseConnectionTarget(running.connectionString)),
    readOnly: options.readOnly,
    refreshSeconds: options.refreshSeconds,
    incident,
    afterShutdown: async () => {
      await (await demo.catch(() => undefined))?.stop();
    },
  });
}
