import {createServer} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/database';
import {type RenderedUi, renderUi} from '../helpers/render-ui';
import {startController} from './controller-under-test';

// A port nothing listens on: taken, then released.
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const address = server.address() as {port: number};
    server.close(() => resolve(address.port));
  });
});
const {store, timelineKinds} = startController(
  `postgres://postgres:not-the-password@127.0.0.1:${closedPort}/shop`,
);

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('the database is unreachable at start', () => {
  it('still starts, and says why in words in the header, the panes and the timeline', async () => {
    ui = await renderUi({columns: 200, rows: 60, store});
    const frame = await ui.waitForFrame(
      (candidate) =>
        /reconnecting \(attempt \d+, next in \d+s\)/.test(candidate) &&
        /Connections +failed/.test(candidate) &&
        candidate.includes('│ database unreachable: connection refused (ECONNREFUSED') &&
        candidate.includes(
          `cannot reach the database: connection refused (ECONNREFUSED 127.0.0.1:${closedPort})`,
        ),
      10_000,
    );
    expect(frame).toContain(`postgres@127.0.0.1:${closedPort}/shop`);
    expect(frame).not.toContain('not-the-password');
    await waitFor(() => timelineKinds().includes('database.outage'), {what: 'the outage event'});
    expect(store.getState().timeline[0]!.text).toBe(
      `cannot reach the database: connection refused (ECONNREFUSED 127.0.0.1:${closedPort})`,
    );
  });
});
