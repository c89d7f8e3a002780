import {readFileSync} from 'node:fs';
import {afterAll} from 'vitest';
import type {ProbeContext} from '../../../source/probes/probe-types';
import {parseConnectionTarget} from '../../../source/sources/connection-target';
import {PostgresLifeline} from '../../../source/sources/postgres-lifeline';
import {createTestDatabase, type TestDatabase} from '../../helpers/database';

/** The demo application's schema, as the demo creates it. */
export const demoSchema = readFileSync(
  new URL('../../../source/demo/schema.sql', import.meta.url),
  'utf8',
).replace(/CREATE EXTENSION[^;]*;/, '');

/** A test database with `schema`, and a connected lifeline to it as the probes use. */
export async function probeDatabase(
  schema: string = demoSchema,
): Promise<{database: TestDatabase; lifeline: PostgresLifeline; context: ProbeContext}> {
  const database = await createTestDatabase({schema});
  const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  afterAll(() => lifeline.close());
  return {
    database,
    lifeline,
    context: {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit: 50},
  };
}
