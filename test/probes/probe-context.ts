import {afterAll} from 'vitest';
import type {ProbeContext} from '../../source/probes/probe-types';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';

/** A connected lifeline on `url` and a probe context around it, closed after the file's tests. */
export async function connectProbeContext(url: string, rowLimit = 50): Promise<ProbeContext> {
  const lifeline = new PostgresLifeline(parseConnectionTarget(url));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  afterAll(() => lifeline.close());
  return {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit};
}
