import {readFileSync} from 'node:fs';
import {afterAll} from 'vitest';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

/** The demo schema and seed, as the runbook library expects them. */
export const demoSchema = ['schema.sql', 'seed.sql']
  .map((name) => readFileSync(new URL(`../../source/demo/${name}`, import.meta.url), 'utf8'))
  .join('\n');

/** A fresh demo database and a lifeline on it, closed after the file's tests. */
export async function demoDatabaseWithLifeline() {
  const database = await createTestDatabase({schema: demoSchema});
  const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  afterAll(() => lifeline.close());
  return {database, lifeline};
}

/** A digest of every row of every table of the demo schemas: equal digests, nothing changed. */
export async function contentDigest(
  query: (sql: string) => Promise<Array<Record<string, unknown>>>,
): Promise<Record<string, string>> {
  const tables = await query(
    "SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables WHERE schemaname IN ('public', 'cron', 'auth') ORDER BY 1",
  );
  const digest: Record<string, string> = {};
  for (const {name} of tables) {
    const [row] = await query(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS d FROM ${name} AS t`,
    );
    digest[String(name)] = String(row!.d);
  }
  return digest;
}
