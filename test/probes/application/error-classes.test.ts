import {describe, expect, it} from 'vitest';
import {errorClassSql} from '../../../source/probes/dlq/dlq-sql';
import {createTestDatabase} from '../../helpers/database';

const database = await createTestDatabase();

/** The class PostgreSQL computes for each error text, in order. */
async function classesOf(errors: string[]): Promise<string[]> {
  const values = errors.map((_, index) => `($${index + 1}::text, ${index})`).join(', ');
  const rows = await database.query<{error_class: string}>(
    `SELECT ${errorClassSql('error')} AS error_class FROM (VALUES ${values}) AS t(error, n) ORDER BY n`,
    errors,
  );
  return rows.map((row) => row.error_class);
}

describe('error classes', () => {
  it('keep three-digit HTTP and SMTP status codes and SMTP enhanced codes', async () => {
    expect(
      await classesOf([
        'HTTP 429 Too Many Requests from campaign-dispatch',
        'HTTP 503 Service Unavailable',
        '550 5.1.1 mailbox unavailable',
        '421 4.7.0 try again later',
        'Resend API 429: rate limit exceeded',
      ]),
    ).toEqual([
      'HTTP 429 Too Many Requests from campaign-dispatch',
      'HTTP 503 Service Unavailable',
      '550 5.1.1 mailbox unavailable',
      '421 4.7.0 try again later',
      'Resend API 429: rate limit exceeded',
    ]);
  });

  it('fold ids, long numbers and counts, so one trouble is one class', async () => {
    const classes = await classesOf([
      'timeout after 3000ms for job 18273645',
      'timeout after 5000ms for job 99',
      'order 0b7c2f1e-55aa-4c3e-9a61-6f2b0c7d1e10 not found',
      'order 6f2b0c7d-1e10-4c3e-9a61-0b7c2f1e55aa not found',
      'message SM1234abcd9876ef01 rejected, retry 3 of 5',
      'HTTP 429 Too Many Requests after 12 ms',
      'HTTP 429 Too Many Requests after 7 ms',
      'HTTP 429 after 250 ms',
    ]);
    expect(classes).toEqual([
      'timeout after #ms for job #',
      'timeout after #ms for job #',
      'order # not found',
      'order # not found',
      'message SM# rejected, retry # of #',
      'HTTP 429 Too Many Requests after # ms',
      'HTTP 429 Too Many Requests after # ms',
      'HTTP 429 after # ms',
    ]);
  });
});
