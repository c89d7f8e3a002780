import pg from 'pg';
import type {DemoEdgeFunctions} from './demo-edge-functions';
import {DemoWorld} from './demo-world';
import {startEmbeddedServer} from './embedded-server';
import {playScenario} from './scenario-player';
import type {Scenario} from './scenarios/scenario';
import schemaSql from './schema.sql';
import seedSql from './seed.sql';

/** The demo's database: server, schema and a scenario playing against it. */
export type RunningDemo = {connectionString: string; stop: () => Promise<void>};

/** Creates the demo application's schema and starting data in `connectionString`'s database. */
export async function seedDemoDatabase(connectionString: string): Promise<void> {
  const client = new pg.Client({connectionString, application_name: 'demo-setup'});
  await client.connect();
  try {
    await client.query(schemaSql);
    await client.query(seedSql);
  } finally {
    await client.end();
  }
}

/** Starts an embedded PostgreSQL, seeds it and plays `scenario` against it. */
export async function startDemo(
  scenario: Scenario,
  onLog: (line: string) => void = () => undefined,
  edgeFunctions?: DemoEdgeFunctions,
): Promise<RunningDemo> {
  const server = await startEmbeddedServer({
    maxConnections: 60,
    settings: {shared_preload_libraries: 'pg_stat_statements'},
  });
  try {
    const connectionString = server.urlFor('shop');
    const admin = new pg.Client({connectionString: server.connectionString});
    await admin.connect();
    await admin.query('CREATE DATABASE shop');
    await admin.end();
    await seedDemoDatabase(connectionString);
    const player = playScenario(scenario, new DemoWorld(connectionString, edgeFunctions), (error) =>
      onLog(String(error)),
    );
    return {
      connectionString,
      stop: async () => {
        await player.stop();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
