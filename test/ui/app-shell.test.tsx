import {afterEach, describe, expect, it} from 'vitest';
import {keyBindings} from '../../source/ui/keys';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

const frameLines = (frame: string) => frame.split('\n');

describe('the full-screen shell', () => {
  it('shows one pane with a tab strip at 80x24, never taller or wider than the terminal', async () => {
    ui = await renderUi({columns: 80, rows: 24});
    const frame = await ui.waitForFrame('1:Conns');
    expect(frameLines(frame)).toHaveLength(24);
    for (const line of frameLines(frame)) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame).toContain('Connections');
    expect(frame).not.toContain('╭─ Locks');
  });

  it('shows every pane, the runbook and the timeline at 200x60', async () => {
    ui = await renderUi({columns: 200, rows: 60});
    const frame = await ui.waitForFrame('Timeline');
    expect(frameLines(frame)).toHaveLength(60);
    for (const title of [
      'Connections',
      'Locks',
      'Dead letters',
      'Failed emails',
      'Campaigns',
      'Integrations',
      'Runbook',
    ]) {
      expect(frame).toContain(`─ ${title} `);
    }
    expect(frame).not.toContain('1:Connections');
  });

  it('moves focus with Tab, Shift-Tab and arrows, and zooms with Enter', async () => {
    ui = await renderUi({columns: 200, rows: 60});
    await ui.press(keys.tab);
    expect(ui.store.getState().ui.focusedPaneId).toBe('locks');
    await ui.press(keys.shiftTab);
    expect(ui.store.getState().ui.focusedPaneId).toBe('connections');
    // ↓ selects rows inside the connections pane rather than moving focus.
    await ui.press(keys.down);
    expect(ui.store.getState().ui.focusedPaneId).toBe('connections');
    await ui.press(keys.tab, keys.tab, keys.tab);
    expect(ui.store.getState().ui.focusedPaneId).toBe('emails');
    await ui.press(keys.left);
    expect(ui.store.getState().ui.focusedPaneId).toBe('dlq');
    await ui.press(keys.enter);
    const zoomed = await ui.waitForFrame((frame) => !frame.includes('─ Locks '));
    expect(zoomed).toContain('─ Dead letters ');
    await ui.press(keys.escape);
    await ui.waitForFrame('─ Locks ');
  });

  it('jumps to a tab by its number', async () => {
    ui = await renderUi({columns: 80, rows: 24});
    await ui.press('8');
    expect(ui.store.getState().ui.focusedPaneId).toBe('timeline');
    await ui.waitForFrame('─ Timeline ');
  });

  it('handles several keys arriving in one chunk', async () => {
    ui = await renderUi({columns: 80, rows: 24});
    await ui.press('\t\t\t');
    expect(ui.store.getState().ui.focusedPaneId).toBe('emails');
  });

  it('shows help generated from the key table', async () => {
    ui = await renderUi({columns: 120, rows: 40});
    await ui.press('?');
    const frame = await ui.waitForFrame('Keys — press ? or Esc to close');
    for (const binding of keyBindings
      .filter((candidate) => candidate.scope === 'global')
      .slice(0, 10)) {
      expect(frame).toContain(binding.description);
    }
    await ui.press(keys.escape);
    await ui.waitForFrame((frame) => !frame.includes('Keys — press'));
  });

  it('scrolls the help when it is longer than the screen', async () => {
    ui = await renderUi({columns: 80, rows: 24});
    await ui.press('?');
    const first = await ui.waitForFrame('↑/↓ scroll, 1–');
    expect(first).toContain('Tab');
    await ui.press(keys.down, keys.down);
    await ui.waitForFrame('↑/↓ scroll, 3–');
  });

  it('jumps to a pane from the command line, with completion and history', async () => {
    ui = await renderUi({columns: 120, rows: 40});
    await ui.press(':', 'i', 'n', 't', keys.tab);
    await ui.waitForFrame(':integrations');
    await ui.press(keys.enter);
    expect(ui.store.getState().ui.focusedPaneId).toBe('integrations');
    await ui.waitForFrame('focused Integrations');
    await ui.press(':', keys.up);
    await ui.waitForFrame(':integrations');
    await ui.press(keys.escape);
    // A lone Esc is recognised only after Ink's short escape-sequence wait.
    await ui.waitForFrame((frame) => !frame.includes(':integrations'));
    await ui.press(':', 'n', 'o', 'p', 'e', keys.enter);
    await ui.waitForFrame('unknown command "nope"');
  });

  it('pauses, changes the refresh interval and quits through the actions', async () => {
    ui = await renderUi({columns: 120, rows: 40});
    await ui.press(' ', '+', '-', '-', 'q');
    expect(ui.actions.calls).toEqual([
      'paused:true',
      'refresh:1',
      'refresh:2',
      'refresh:3',
      'quit',
    ]);
    await ui.waitForFrame('PAUSED');
  });

  it('says the terminal is too small instead of drawing a broken layout', async () => {
    ui = await renderUi({columns: 30, rows: 8});
    await ui.waitForFrame('too small');
  });
});
