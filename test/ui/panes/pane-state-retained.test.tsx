import {afterEach, describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';
import {connectionsSnapshot, locksSnapshot, recordFreshOutcome} from './recorded-snapshots';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

// At 80x24 the screen shows one pane at a time: the others are not rendered while hidden.
async function oneAtATime() {
  const store = createCockpitStore({databaseLabel: 'shop@db:5432/shop'});
  recordFreshOutcome(store, 'connections', connectionsSnapshot);
  recordFreshOutcome(store, 'locks', locksSnapshot);
  ui = await renderUi({columns: 80, rows: 24, store});
  await ui.waitForFrame('Connections');
  return ui;
}

describe('a pane shown again after another', () => {
  it("keeps Connections' filter, selection and marks", async () => {
    const screen = await oneAtATime();
    await screen.press(keys.down, 'm');
    const markedRow = /│ \* +(\d+) /;
    const marked = (await screen.waitForFrame((frame) => markedRow.test(frame))).match(
      markedRow,
    )?.[1];
    expect(marked).toMatch(/^\d+$/);
    await screen.press(`/${marked}${keys.enter}`);
    await screen.waitForFrame(`filter: ${marked}`);
    await screen.press('2');
    await screen.waitForFrame('Locks ·');
    await screen.press('1');
    const frame = await screen.waitForFrame(`filter: ${marked}`);
    expect(frame.match(markedRow)?.[1]).toBe(marked);
  });

  it("keeps the timeline's filter", async () => {
    const screen = await oneAtATime();
    await screen.press('8', 'f');
    await screen.waitForFrame('Timeline · UTC · alerts');
    await screen.press('1');
    await screen.waitForFrame('Connections ·');
    await screen.press('8');
    await screen.waitForFrame('Timeline · UTC · alerts');
  });
});
