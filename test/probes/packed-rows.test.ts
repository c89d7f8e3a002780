import {describe, expect, it} from 'vitest';
import {
  packedInteger,
  packedText,
  packedTimestamp,
  unpackRows,
} from '../../source/probes/packed-rows';

describe('packed rows', () => {
  it('splits rows on \\x1e and fields on \\x1f, an empty field standing for NULL', () => {
    const packed = [
      '1\u001fpostgrest\u001f',
      '2\u001f\u001f"2026-12-08T01:02:03.456789+00:00"',
    ].join('\u001e');
    const rows = unpackRows(packed, 3, 'a session');
    expect(rows).toEqual([
      ['1', 'postgrest', ''],
      ['2', '', '"2026-12-08T01:02:03.456789+00:00"'],
    ]);
    expect(packedInteger(rows[0]![0]!)).toBe(1);
    expect(packedText(rows[1]![1]!)).toBeNull();
    expect(packedTimestamp(rows[1]![2]!)).toBe('2026-12-08T01:02:03.456789+00:00');
    expect(packedTimestamp(rows[0]![2]!)).toBeNull();
  });

  it('reads no rows from NULL, when the tier was empty', () => {
    expect(unpackRows(null, 3, 'a session')).toEqual([]);
  });

  it('refuses a row whose fields do not add up, rather than read every field after it shifted', () => {
    expect(() => unpackRows('1\u001fa\u001fb\u001fc', 3, 'a steady session')).toThrow(
      'a steady session: a row came with 4 fields instead of 3, so it cannot be read',
    );
  });
});
