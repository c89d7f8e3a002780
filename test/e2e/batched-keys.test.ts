import {afterEach, describe, expect, it} from 'vitest';
import {seedDemoDatabase} from '../../source/demo/start-demo';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';
import {type PtySession, startInPty} from '../helpers/pty-session';

// Over SSH or through tmux several keys reach the program in one read. Each test sends its
// keys in ONE write to a real pseudo-terminal and checks that every key counted.
const database = await createTestDatabase();
const home = await createCockpitHome();
const idle = await Promise.all(
  ['batched-pool', 'batched-pool', 'batched-other'].map((name) => database.connect(name)),
);
for (const client of idle) await client.query('SELECT 1');
// The application panes need the demo's tables: dead letters to requeue.
const shop = await createTestDatabase();
await seedDemoDatabase(shop.url);

let session: PtySession | undefined;
afterEach(async () => {
  if (!session) return;
  session.write('q');
  await Promise.race([session.exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  try {
    session.kill('SIGKILL');
  } catch {
    // already gone
  }
  session = undefined;
});

describe('keys arriving together in a real terminal', () => {
  it('S → → Enter in one write sets the third status', async () => {
    session = startInPty(
      ['--db', database.url, '--new', 'Batched keys drill', '--severity', 'P2'],
      {
        columns: 120,
        rows: 36,
        env: childEnvironment(home),
      },
    );
    await session.waitForScreen('[investigating');
    session.write('S\u001b[C\u001b[C\r');
    // The whole submit is done (journaled, footer back) before the next dialog is asked for.
    await session.waitForScreen('status investigating → monitoring');
    // The severity dialog, already open, then two → and Enter in one write: P2 → P3 → P0.
    session.write('!');
    await session.waitForScreen('Severity › severity');
    session.write('\u001b[C\u001b[C\r');
    await session.waitForScreen((screen) => /P0 Batched keys drill/.test(screen));
  });

  it('/ with the filter text and Enter in one write filters every session, idle ones too', async () => {
    session = startInPty(['--db', database.url], {
      columns: 160,
      rows: 48,
      env: childEnvironment(home),
    });
    await session.waitForScreen('batched-pool');
    session.write('/batched-pool\r');
    const screen = await session.waitForScreen('filter: batched-pool');
    expect(screen).toMatch(/Connections · 1–2 of 2/);
    const rows = screen.split('\n').filter((line) => !line.includes('by application'));
    expect(rows.join('\n')).not.toContain('batched-other');
    // The two plain idle sessions are listed with their idle age.
    expect(rows.filter((line) => /idle +.*batched-pool/.test(line))).toHaveLength(2);
  });

  it('g K and the minutes in one write ask to end the idle sessions of a group, over the whole screen', async () => {
    session = startInPty(['--db', database.url], {
      columns: 120,
      rows: 36,
      env: childEnvironment(home),
    });
    await session.waitForScreen('batched-pool');
    session.write('/batched-pool\r');
    await session.waitForScreen('filter: batched-pool');
    session.write('gK0\r');
    // Drawn over the whole body: once the frame is complete no other pane shows beside it.
    const screen = await session.waitForScreen(
      (text) => text.includes('Type terminate') && !text.includes('─ Locks '),
    );
    expect(screen).toContain('terminate 2 idle sessions of batched-pool idle longer than 0m?');
    expect(screen).toMatch(/On: pid \d+, postgres, app batched-pool/);
    session.write('\u001b');
    await session.waitForScreen('not confirmed: terminate 2 idle sessions');
    // Cancelled: every session is still there.
    for (const client of idle) await expect(client.query('SELECT 1')).resolves.toBeDefined();
  });
  it('r, the typed word and Enter in one write requeue the dead letters once their preview is done', async () => {
    session = startInPty(['--db', shop.url], {columns: 120, rows: 36, env: childEnvironment(home)});
    await session.waitForScreen('timeout after');
    session.write('3');
    await session.waitForScreen('r requeue');
    // The confirmation opens only after its preview (a rolled-back transaction) has answered:
    // the word and Enter typed with r must wait for it, not vanish.
    session.write('rrequeue\r');
    const requeued = await waitFor(
      async () =>
        (
          await shop.query<{n: number}>(
            'SELECT count(*)::int AS n FROM dead_letter_messages WHERE retried_at IS NOT NULL',
          )
        )[0]!.n,
      {what: 'requeued dead letters', timeoutMs: 15_000},
    );
    expect(requeued).toBe(6);
    await session.waitForScreen((screen) => !screen.includes('Type requeue'));
  });
});
