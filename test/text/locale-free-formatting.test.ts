import {describe, expect, it} from 'vitest';
import {compareText} from '../../source/text/compare-text';
import {groupDigits} from '../../source/text/format';

describe('numbers and order without ICU locale data', () => {
  it('groups digits as en-US does', () => {
    for (const value of [0, 7, 999, 1000, 12_345, 999_999, 1_234_567, -1_234_567, 5e12])
      expect(groupDigits(value)).toBe(value.toLocaleString('en-US'));
    expect(groupDigits(12_345.6)).toBe('12,346');
  });

  it('orders text case-folded, and case variants the same way every time', () => {
    const titles = [
      'disk full',
      'Dead letters surge',
      'api errors',
      'Api errors',
      'Zebra',
      'lock storm',
    ];
    expect([...titles].sort(compareText)).toEqual([
      'Api errors',
      'api errors',
      'Dead letters surge',
      'disk full',
      'lock storm',
      'Zebra',
    ]);
    expect(compareText('same', 'same')).toBe(0);
  });
});
