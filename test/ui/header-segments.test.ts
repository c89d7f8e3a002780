import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fitHeader, type HeaderSegment} from '../../source/ui/header-segments';

const segments: HeaderSegment[] = [
  {
    text: 'P1 Checkout failing for every customer paying by card in the EU [investigating 4m]',
    dropOrder: 0,
    shrinkable: true,
  },
  {text: 'postgres@db.example.com:5432/postgres', dropOrder: 4},
  {text: '● reconnecting (attempt 3, next in 4s)', dropOrder: 0},
  {text: '▲2 critical', dropOrder: 0},
  {text: 'PAUSED', dropOrder: 0},
  {text: 'every 2s', dropOrder: 5},
  {text: '14:02:11 UTC', dropOrder: 1},
];

describe('fitHeader', () => {
  it('at 80 columns keeps the connection state, alerts and PAUSED, cutting the title', () => {
    const fitted = fitHeader(segments, 80);
    const line = fitted.map((segment) => segment.text).join(' │ ');
    expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(line).toContain('● reconnecting (attempt 3, next in 4s)');
    expect(line).toContain('▲2 critical');
    expect(line).toContain('PAUSED');
    expect(line).toMatch(/^P1 Checkout.*…/);
  });

  it('keeps everything when there is room', () => {
    expect(fitHeader(segments, 250)).toHaveLength(segments.length);
  });
});
