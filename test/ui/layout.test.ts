import {describe, expect, it} from 'vitest';
import {computeLayout, neighbourOf} from '../../source/ui/layout';
import type {RegionDemand} from '../../source/ui/pane-demand';

const paneIds = ['connections', 'locks', 'dlq', 'emails', 'campaigns', 'integrations'];
const regionIds = ['runbook', 'timeline'];
const layoutFor = (
  columns: number,
  rows: number,
  options: {zoomed?: boolean; focusedId?: string; demands?: Record<string, RegionDemand>} = {},
) =>
  computeLayout({
    columns,
    rows,
    paneIds,
    regionIds,
    focusedId: options.focusedId ?? 'connections',
    zoomed: options.zoomed ?? false,
    demands: options.demands,
  });

/** A busy incident: many sessions, a lock queue, dead letters, a quiet email pane and campaigns. */
const incident: Record<string, RegionDemand> = {
  connections: {desired: 60, minimum: 10},
  locks: {desired: 9, minimum: 6},
  dlq: {desired: 9, minimum: 4},
  emails: {desired: 1, minimum: 1, collapsed: 'Failed emails · none failed in the last hour'},
  campaigns: {desired: 4, minimum: 4},
  integrations: {desired: 7, minimum: 7},
  runbook: {desired: 1, minimum: 1, collapsed: 'Runbook · none open'},
  timeline: {desired: 8, minimum: 3},
};
const heightOf = (layout: ReturnType<typeof layoutFor>, id: string) =>
  layout.rows.flat().find((box) => box.id === id)?.height;

describe('computeLayout', () => {
  it.each([
    [80, 24],
    [119, 50],
    [120, 36],
    [160, 48],
    [200, 60],
    [250, 70],
    [1, 1],
  ])('never exceeds %ix%i, with or without demands', (columns, rows) => {
    for (const demands of [undefined, incident]) {
      const layout = layoutFor(columns, rows, {demands});
      const chrome = layout.mode === 'compact' ? 3 : 2;
      const height = layout.rows.reduce((sum, row) => sum + (row[0]?.height ?? 0), 0);
      expect(height).toBeLessThanOrEqual(Math.max(1, rows - chrome));
      for (const row of layout.rows)
        expect(row.reduce((sum, box) => sum + box.width, 0)).toBeLessThanOrEqual(columns);
      for (const box of layout.rows.flat()) expect(box.y! + box.height).toBeLessThanOrEqual(rows);
    }
  });

  it('shows one region at 80x24 and every region at 200x60, the tables across the width', () => {
    expect(
      layoutFor(80, 24)
        .rows.flat()
        .map((box) => box.id),
    ).toEqual(['connections']);
    const wide = layoutFor(200, 60);
    expect(wide.rows.flat().map((box) => box.id)).toEqual([...paneIds, ...regionIds]);
    expect(wide.rows[0]).toEqual([expect.objectContaining({id: 'connections', width: 200})]);
    expect(wide.rows[1]).toEqual([expect.objectContaining({id: 'locks', width: 200})]);
    expect(wide.rows[2]!.map((box) => box.id)).toEqual(['dlq', 'emails']);
  });

  it('collapses regions with nothing to report to one line and gives the room to the trouble', () => {
    const demands = {...incident, locks: {...incident.locks!, alerting: true}};
    const layout = layoutFor(160, 48, {demands});
    const last = layout.rows.at(-1)!;
    expect(last.map((box) => [box.id, box.height])).toEqual([
      ['emails', 1],
      ['runbook', 1],
    ]);
    expect(last[0]!.collapsed).toBe('Failed emails · none failed in the last hour');
    // The alerting Locks get all they ask for, the focused Connections the most of the rest,
    // the quiet panes their minimum (Integrations: one line per function).
    expect(heightOf(layout, 'locks')).toBe(9);
    expect(heightOf(layout, 'integrations')).toBe(7);
    expect(heightOf(layout, 'dlq')).toBe(4);
    expect(heightOf(layout, 'timeline')).toBe(3);
    expect(heightOf(layout, 'connections')).toBe(46 - 1 - 9 - 4 - 7 - 3);
  });

  it('keeps Integrations (one line per function) and a useful Connections at 120x36', () => {
    const layout = layoutFor(120, 36, {demands: incident});
    expect(heightOf(layout, 'integrations')).toBe(7);
    expect(heightOf(layout, 'connections')).toBeGreaterThanOrEqual(10);
    expect(heightOf(layout, 'locks')).toBeGreaterThanOrEqual(6);
  });

  it('gives the focused pane and the alerting one their room first', () => {
    const tight = {...incident, timeline: {desired: 14, minimum: 3}};
    const calm = layoutFor(160, 48, {demands: tight});
    const focused = layoutFor(160, 48, {demands: tight, focusedId: 'timeline'});
    expect(heightOf(focused, 'timeline')).toBeGreaterThan(heightOf(calm, 'timeline')!);
    const alerting = layoutFor(160, 48, {
      demands: {...tight, timeline: {...tight.timeline!, alerting: true}},
    });
    expect(heightOf(alerting, 'timeline')).toBe(14);
    // A focused pane with nothing to report is still drawn, not collapsed.
    const emails = layoutFor(160, 48, {demands: incident, focusedId: 'emails'});
    expect(emails.rows.flat().find((box) => box.id === 'emails')?.collapsed).toBeUndefined();
  });

  it('gives the focused region the whole body when zoomed', () => {
    expect(layoutFor(200, 60, {zoomed: true}).rows.flat()).toEqual([
      {id: 'connections', width: 200, height: 58, x: 0, y: 0},
    ]);
  });

  it('moves focus by geometry in the grid', () => {
    const layout = layoutFor(200, 60);
    expect(neighbourOf(layout, 'connections', 'down')).toBe('locks');
    expect(neighbourOf(layout, 'locks', 'down')).toBe('emails');
    expect(neighbourOf(layout, 'dlq', 'right')).toBe('emails');
    expect(neighbourOf(layout, 'campaigns', 'down')).toBe('runbook');
    expect(neighbourOf(layout, 'connections', 'up')).toBe('connections');
  });
});
