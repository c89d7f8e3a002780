import pg from 'pg';
import stringWidth from 'string-width';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import {waitFor} from '../helpers/database';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';
import {startController} from './controller-under-test';

// A server of its own that keeps 200 kB of each query in pg_stat_activity (the default is 1 kB).
const server = await startEmbeddedServer({
  maxConnections: 20,
  settings: {track_activity_query_size: '200kB'},
});
afterAll(() => server.stop());

const hostile = [
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H\u001b[10;10H\u001b[5A',
  '\u001b]52;c;ZXZpbA==\u0007',
  '\u001b]0;pwned title\u0007\u001b]2;second title\u001b\\',
  '\u0007\u0008\u000b\u000c\r\n\t\u007f\u009b31m\u0085',
  '\u202eevil\u202c \u200bzero\u200dwidth\u2066isolate\u2069',
  'שלום עולם 中文宽字符 \ud800lone',
  'A'.repeat(100_000),
].join(' ');

const admin = new pg.Client({connectionString: server.connectionString});
await admin.connect();
await admin.query('CREATE TABLE victims (id int)');
const attacker = new pg.Client({
  connectionString: server.connectionString,
  application_name: '\u001b]0;app-title\u0007evil-app',
});
attacker.on('error', () => undefined);
await attacker.connect();
const attacking = attacker
  .query(
    `BEGIN; LOCK TABLE victims IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60), $h$${hostile}$h$`,
  )
  .catch(() => undefined);
const victim = new pg.Client({
  connectionString: server.connectionString,
  application_name: 'victim',
});
victim.on('error', () => undefined);
await victim.connect();
const waiting = victim.query('SELECT count(*) FROM victims').catch(() => undefined);
afterAll(async () => {
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()",
  );
  await Promise.all([attacking, waiting]);
  await Promise.all([admin.end(), attacker.end().catch(() => undefined), victim.end()]);
});

const {store} = startController(server.connectionString);
let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

/** Nothing a terminal would interpret, and no line wider or more lines than the screen. */
function expectSafeFrame(frame: string, columns: number, rows: number) {
  expect(frame).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(frame).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  expect(frame).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  const lines = frame.split('\n');
  expect(lines).toHaveLength(rows);
  for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
}

describe('hostile query text in pg_stat_activity', () => {
  it('reaches the server whole', async () => {
    // The attacker's query is sent asynchronously: wait until the server shows it.
    const row = await waitFor(
      async () =>
        (
          await admin.query<{length: number}>(
            "SELECT length(query) AS length FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()",
          )
        ).rows[0],
      {what: "the attacker's query in pg_stat_activity"},
    );
    expect(row?.length).toBeGreaterThan(100_000);
  });

  it('never reaches the terminal raw, in the panes or in the detail, and the layout holds', async () => {
    ui = await renderUi({columns: 120, rows: 40, store});
    await waitFor(() => store.getState().probes.locks?.fetchedAt, {what: 'the locks probe'});
    await ui.press('z');
    const table = await ui.waitForFrame('BEGIN; LOCK TABLE victims', 10_000);
    expectSafeFrame(table, 120, 40);
    expect(table).toContain('evil-app');
    await ui.press(keys.enter);
    const detail = await ui.waitForFrame('query:');
    expectSafeFrame(detail, 120, 40);
    expect(detail).toContain('pg_sleep(60), $h$␛[31mred␛[0m');
    await ui.press(keys.escape);
    await ui.waitForFrame((frame) => !frame.includes('query:'));
    await ui.press('z', keys.tab, 'z');
    const locks = await ui.waitForFrame('Locks · 1 waiting');
    expectSafeFrame(locks, 120, 40);
    await ui.press(keys.enter);
    expectSafeFrame(await ui.waitForFrame('query:'), 120, 40);
  });
});
