import pg from 'pg';
import {afterAll, describe, expect, it} from 'vitest';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import type {ConnectionsSnapshot} from '../../source/probes/connections/connections-probe';
import {waitFor} from '../helpers/database';
import {startController} from './controller-under-test';

// A small server of its own, so exhausting it disturbs no other test file.
const server = await startEmbeddedServer({maxConnections: 12});
afterAll(() => server.stop());
const setup = new pg.Client({connectionString: server.connectionString});
await setup.connect();
await setup.query("CREATE ROLE app LOGIN PASSWORD 'app-password'");
await setup.end();
const appUrl = server.connectionString.replace(/\/\/postgres:[^@]*@/, '//app:app-password@');

const {store} = startController(server.connectionString);
const clients: pg.Client[] = [];
afterAll(() => Promise.all(clients.map((client) => client.end().catch(() => undefined))));

/** Opens connections until the server refuses; returns the refusal message. */
async function exhaust(url: string): Promise<string> {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const client = new pg.Client({connectionString: url, application_name: 'leak'});
    client.on('error', () => undefined);
    try {
      await client.connect();
      clients.push(client);
    } catch (error) {
      return (error as Error).message;
    }
  }
  throw new Error('the server never refused a connection');
}

describe('other clients exhaust max_connections', () => {
  it('keeps the already connected cockpit updating', async () => {
    await waitFor(() => store.getState().database.status.kind === 'connected', {
      what: 'the lifeline',
    });
    expect(await exhaust(appUrl)).toMatch(/remaining connection slots are reserved/);
    expect(await exhaust(server.connectionString)).toMatch(/too many clients already/);
    const seenAt = Date.now();
    const snapshot = await waitFor(
      () => {
        const state = store.getState().probes.connections;
        return state?.fetchedAt && state.fetchedAt > seenAt && !state.error
          ? (state.data as ConnectionsSnapshot)
          : undefined;
      },
      {what: 'a fresh connections snapshot'},
    );
    // Every slot but the cockpit's own is taken, and the cockpit still sees them all.
    expect(snapshot!.total).toBe(clients.length);
    expect(snapshot!.total).toBe(snapshot!.max - 1);
    // The gauge counts the cockpit's own backend too: the server is full.
    expect(snapshot!.backends).toBe(snapshot!.max);
    expect(store.getState().alerts.map((alert) => alert.ruleId)).toContain('connection-saturation');
  });
});
