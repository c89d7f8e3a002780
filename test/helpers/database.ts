import {randomBytes} from 'node:crypto';
import pg from 'pg';
import {afterAll, inject} from 'vitest';

/** A database of its own for one test file, dropped when the file's tests end. */
export type TestDatabase = {
  url: string;
  name: string;
  /** Runs SQL as the superuser on this database (setup, not the code under test). */
  query: <Row = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<Row[]>;
  /** A new connection to this database, closed at the end of the file. */
  connect: (applicationName?: string) => Promise<pg.Client>;
  /** The same URL but for another database on the server. */
  urlFor: (database: string) => string;
};

/** The shared embedded server's details (see test/setup/global-postgres.ts). */
export function testServer() {
  return inject('postgres');
}

/**
 * Creates a fresh database on the run's embedded server. Call at the top level of a test file
 * (`const database = await createTestDatabase()`); it is dropped after the file's last test.
 */
export async function createTestDatabase(options: {schema?: string} = {}): Promise<TestDatabase> {
  const server = testServer();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({connectionString: server.adminUrl});
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.urlTemplate.replace('__DATABASE__', name);
  const clients: pg.Client[] = [];
  const setupClient = new pg.Client({connectionString: url});
  await setupClient.connect();
  clients.push(setupClient);
  if (options.schema) await setupClient.query(options.schema);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    const cleanup = new pg.Client({connectionString: server.adminUrl});
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await cleanup.end();
  });

  return {
    url,
    name,
    query: async (sql, values) => (await setupClient.query(sql, values as unknown[])).rows,
    connect: async (applicationName = 'test-client') => {
      const client = new pg.Client({connectionString: url, application_name: applicationName});
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    urlFor: (database) => server.urlTemplate.replace('__DATABASE__', database),
  };
}

/** Polls `check` until it returns a truthy value or the deadline passes (never a fixed sleep). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  options: {timeoutMs?: number; intervalMs?: number; what?: string} = {},
): Promise<T> {
  const {timeoutMs = 10_000, intervalMs = 50, what = 'condition'} = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}
