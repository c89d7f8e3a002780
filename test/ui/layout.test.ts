import {describe, expect, it} from 'vitest';
import {computeLayout, neighbourOf} from '../../source/ui/layout';

const paneIds = ['connections', 'locks', 'dlq', 'emails', 'campaigns', 'integrations'];
const regionIds = ['runbook', 'timeline'];
const layoutFor = (columns: number, rows: number, zoomed = false) =>
  computeLayout({columns, rows, paneIds, regionIds, focusedId: 'connections', zoomed});

describe('computeLayout', () => {
  it.each([
    [80, 24],
    [119, 50],
    [120, 36],
    [200, 60],
    [250, 70],
    [1, 1],
  ])('never exceeds %ix%i', (columns, rows) => {
    const layout = layoutFor(columns, rows);
    const chrome = layout.mode === 'compact' ? 3 : 2;
    const height = layout.rows.reduce((sum, row) => sum + (row[0]?.height ?? 0), 0);
    expect(height).toBeLessThanOrEqual(Math.max(1, rows - chrome));
    for (const row of layout.rows)
      expect(row.reduce((sum, box) => sum + box.width, 0)).toBeLessThanOrEqual(columns);
  });

  it('shows one region at 80x24 and every region at 200x60', () => {
    expect(
      layoutFor(80, 24)
        .rows.flat()
        .map((box) => box.id),
    ).toEqual(['connections']);
    expect(
      layoutFor(200, 60)
        .rows.flat()
        .map((box) => box.id),
    ).toEqual([...paneIds, ...regionIds]);
    expect(layoutFor(200, 60).rows[0]).toHaveLength(3);
    expect(layoutFor(150, 45).rows[0]).toHaveLength(2);
  });

  it('gives the focused region the whole body when zoomed', () => {
    expect(layoutFor(200, 60, true).rows.flat()).toEqual([
      {id: 'connections', width: 200, height: 58},
    ]);
  });

  it('moves focus by geometry in the grid', () => {
    const layout = layoutFor(200, 60);
    expect(neighbourOf(layout, 'connections', 'right')).toBe('locks');
    expect(neighbourOf(layout, 'locks', 'down')).toBe('campaigns');
    expect(neighbourOf(layout, 'campaigns', 'down')).toBe('runbook');
    expect(neighbourOf(layout, 'timeline', 'up')).toBe('integrations');
    expect(neighbourOf(layout, 'connections', 'up')).toBe('connections');
  });
});
