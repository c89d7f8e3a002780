import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {createTestDatabase, waitFor} from '../helpers/database';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';
import {startController} from './controller-under-test';

// Regression: an OSC sequence opened in one comment and closed in another made the sanitiser drop
// everything in between, so `select pg_sleep(600) /* ESC]0; */; select 'HIDDEN_DELETE'; /* BEL */`
// showed as `select pg_sleep(600) /*  */` in the detail view and in what `y` copied.
const database = await createTestDatabase();
const hider = await database.connect('hider');
const hiding = hider
  .query("select pg_sleep(600) /* \u001b]0; */; select 'HIDDEN_DELETE'; /* \u0007 */")
  .catch(() => undefined);
afterAll(async () => {
  await database.query(
    `select pg_cancel_backend(pid) from pg_stat_activity where application_name = 'hider'`,
  );
  await hiding;
});

const {store} = startController(database.url);
let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('a statement hidden between two halves of an escape sequence', () => {
  it('shows in the detail view and in what y copies, with the sequence marked', async () => {
    ui = await renderUi({columns: 140, rows: 40, store});
    await ui.press('z');
    await ui.waitForFrame('select pg_sleep(600)', 10_000);
    let detail = '';
    for (let row = 0; row < 30 && !detail.includes('pg_sleep(600)'); row++) {
      if (row > 0) {
        await ui.press(keys.escape);
        await ui.waitForFrame((frame) => !frame.includes('query:'));
        await ui.press(keys.down);
      }
      await ui.press(keys.enter);
      detail = await ui.waitForFrame('query:');
    }
    expect(detail).toContain("/* ␛]0; */; select 'HIDDEN_DELETE'; /* ␇ */");
    await ui.press(keys.escape);
    await ui.waitForFrame((frame) => !frame.includes('query:'));
    await ui.press('y');
    await waitFor(() => ui!.actions.copied.length > 0, {what: 'the copy'});
    expect(ui.actions.copied[0]).toBe(
      "select pg_sleep(600) /* ␛]0; */; select 'HIDDEN_DELETE'; /* ␇ */",
    );
  });
});
