import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import type {ConnectionsSnapshot} from '../../source/probes/connections/connections-probe';
import {waitFor} from '../helpers/database';
import {type RenderedUi, renderUi} from '../helpers/render-ui';
import {startController} from './controller-under-test';

// A server of its own: the shared test server cannot be restarted under the other test files.
const server = await startEmbeddedServer({maxConnections: 20});
afterAll(() => server.stop());
const {store, timelineKinds} = startController(server.connectionString);

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('the database restarts mid-session', () => {
  it('keeps the last data marked stale, says it is reconnecting, and recovers by itself', async () => {
    ui = await renderUi({columns: 200, rows: 60, store});
    await ui.waitForFrame((frame) => /\d+\/17 \(/.test(frame), 10_000);
    const before = store.getState().probes.connections!.data as ConnectionsSnapshot;
    await server.restart(async () => {
      const frame = await ui!.waitForFrame(
        (candidate) =>
          /reconnecting \(attempt \d+, next in \d+s\)/.test(candidate) &&
          /Connections[^╮\n]* +failed, data \d+(ms|s) old/.test(candidate),
        10_000,
      );
      // The last snapshot is still on screen while the database is down.
      expect(frame).toContain(`${before.backends}/17 (`);
      expect(frame).toMatch(/database unreachable|not connected/);
      expect(timelineKinds()).toContain('database.outage');
    });
    await ui.waitForFrame(
      (frame) => frame.includes('● connected') && /Connections[^╮\n]* +\d+(ms|s) ago/.test(frame),
      20_000,
    );
    await waitFor(() => timelineKinds().includes('database.recovered'), {
      what: 'the recovery event',
    });
    const kinds = timelineKinds();
    expect(kinds.indexOf('database.outage')).toBeLessThan(kinds.indexOf('database.recovered'));
    await ui.waitForFrame('database connection restored');
  });
});
