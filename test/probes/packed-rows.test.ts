import {describe, expect, it} from 'vitest';
import {
  packedEpochTimestamp,
  packedInteger,
  packedText,
  packedTimestamp,
  unpackRows,
} from '../../source/probes/packed-rows';
import {seededRandom} from '../helpers/seeded-random';

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

  it('reads seconds since 1970 as the UTC timestamp JSON would write, to the microsecond', () => {
    expect(packedEpochTimestamp('')).toBeNull();
    expect(packedEpochTimestamp('0')).toBe('1970-01-01T00:00:00+00:00');
    expect(packedEpochTimestamp('1796704587.5')).toBe('2026-12-08T04:36:27.5+00:00');
    expect(packedEpochTimestamp('1796704587.000001')).toBe('2026-12-08T04:36:27.000001+00:00');
    expect(packedEpochTimestamp('-0.000001')).toBe('1969-12-31T23:59:59.999999+00:00');
    expect(packedEpochTimestamp('1e-06')).toBe('1970-01-01T00:00:00.000001+00:00');
    // PostgreSQL writes a float8 shortest-exact, as JavaScript does: every microsecond of a
    // decade comes back as it was.
    const random = seededRandom(7);
    for (let sample = 0; sample < 20_000; sample += 1) {
      const micros =
        random.integer(1_577_836_800, 1_893_456_000) * 1e6 + random.integer(0, 999_999);
      const written = String(micros / 1e6);
      const expected = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
      const fraction = String(micros % 1e6)
        .padStart(6, '0')
        .replace(/0+$/, '');
      expect(packedEpochTimestamp(written), written).toBe(
        `${expected}${fraction ? `.${fraction}` : ''}+00:00`,
      );
    }
  });
});
