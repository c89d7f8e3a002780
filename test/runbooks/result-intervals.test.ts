import {describe, expect, it} from 'vitest';
import {boundResult} from '../../source/runbooks/result-table';
import {createTestDatabase} from '../helpers/database';

const database = await createTestDatabase();

describe('intervals in runbook results', () => {
  it('read as durations, the way node-postgres returns them from a real server', async () => {
    const rows = await database.query(`
      SELECT interval '2 minutes 49 seconds' AS waited,
             interval '1 day 3 hours 4 minutes' AS held,
             interval '850 milliseconds' AS quick,
             interval '2 months 3 days' AS calendar,
             interval '-45 seconds' AS behind,
             interval '0' AS nothing,
             now() - (now() - interval '3 hours 5 minutes 7.25 seconds') AS age`);
    const result = boundResult({
      command: 'SELECT',
      rowCount: 1,
      rows,
      fields: Object.keys(rows[0]!),
    });
    expect(result.rows[0]).toEqual([
      '2m49s',
      '27h04m',
      '850ms',
      '2mon 3d00h',
      '-45s',
      '0s',
      '3h05m',
    ]);
    expect(result.rows[0]!.join(' ')).not.toContain('{');
  });
});
