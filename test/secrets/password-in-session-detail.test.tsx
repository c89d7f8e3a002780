import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {startController} from '../app/controller-under-test';
import {createTestDatabase, waitFor} from '../helpers/database';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';

// Regression: the database password inside a session's query text was shown in full in the
// session detail view, and copied with `y`. The lifeline's own password is a secret the process
// knows, so every sink redacts it.
const database = await createTestDatabase();
const password = decodeURIComponent(new URL(database.url).password);
const leaker = await database.connect('leaker');
const leaking = leaker
  .query(`select pg_sleep(60) /* leak drill: connect with ${password} later */`)
  .catch(() => undefined);
afterAll(async () => {
  await database.query(
    `select pg_cancel_backend(pid) from pg_stat_activity where application_name = 'leaker'`,
  );
  await leaking;
});

const {store} = startController(database.url);
let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('a session whose query holds the database password', () => {
  it('shows the query in the detail view and copies it, without the password', async () => {
    ui = await renderUi({columns: 140, rows: 40, store});
    const copied = ui.actions.copied;
    await ui.press('z');
    await ui.waitForFrame('pg_sleep(60) /* leak', 10_000);
    // Walk down to the leaking session, whichever row it is on.
    let detail = '';
    for (let row = 0; row < 30 && !detail.includes('leak drill'); row++) {
      if (row > 0) {
        await ui.press(keys.escape);
        await ui.waitForFrame((frame) => !frame.includes('query:'));
        await ui.press(keys.down);
      }
      await ui.press(keys.enter);
      detail = await ui.waitForFrame('query:');
    }
    expect(detail).toContain('connect with [redacted] later');
    expect(detail).not.toContain(password);
    await ui.press(keys.escape);
    await ui.waitForFrame((frame) => !frame.includes('query:'));
    await ui.press('y');
    await waitFor(() => copied.length > 0, {what: 'the copy'});
    expect(copied[0]).toContain('connect with [redacted] later');
    expect(copied[0]).not.toContain(password);
  });
});
