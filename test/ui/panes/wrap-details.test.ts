import {describe, expect, it} from 'vitest';
import {wrapDetails} from '../../../source/ui/panes/application/wrap-details';

describe('wrapDetails', () => {
  it('keeps every character of a long statement, breaking at spaces', () => {
    const sql = `UPDATE "email_log" SET "status" = 'pending' WHERE "status" IN ('failed') AND x = 1`;
    const lines = wrapDetails([sql, ''], 30);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(sql);
    expect(lines.at(-1)).toBe('');
  });

  it('cuts a word longer than the width', () => {
    expect(wrapDetails(['x'.repeat(20)], 8)).toEqual(['xxxxxxxx', 'xxxxxxxx', 'xxxx']);
  });
});
