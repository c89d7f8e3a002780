import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {createEmailProbe} from '../../../source/probes/emails/emails-probe';
import type {ProbeContext} from '../../../source/probes/probe-types';
import {probeDatabase} from './probe-context';

// Tables with only their serial keys, rows arriving in key order: after a first read, a probe
// walks the key only from where the last hour began, not through the newest 5,000 rows.
const {database, context} = await probeDatabase(`
  CREATE TABLE dead_letter_messages (id bigserial PRIMARY KEY, source text, error text,
    payload jsonb, created_at timestamptz DEFAULT now(), retried_at timestamptz);
  CREATE TABLE email_log (id bigserial PRIMARY KEY, recipient text, subject text, status text,
    error_message text, retry_count int, next_retry_at timestamptz, created_at timestamptz DEFAULT now());
  CREATE TABLE quiet_mail (LIKE email_log INCLUDING ALL);
  CREATE TABLE busy_mail (LIKE email_log INCLUDING ALL);
`);
// 8,000 dead letters a minute apart (the last 60 in the last hour, none near its edge), then
// 40 in the last ten minutes.
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'n8n-sync', 'timeout after 30s', '{}', now() - make_interval(mins => 8000 - n) - interval '30 seconds'
  FROM generate_series(1, 8000) AS n;
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'stripe-webhook', 'HTTP 500', '{}', now() - make_interval(secs => 600 - n * 10)
  FROM generate_series(1, 40) AS n;
  INSERT INTO email_log (recipient, status, error_message, created_at)
  SELECT 'user' || n || '@example.com', 'failed', 'mailbox full', now() - make_interval(mins => 7000 - n) - interval '30 seconds'
  FROM generate_series(1, 7000) AS n;
  INSERT INTO quiet_mail (recipient, status, error_message, created_at)
  SELECT 'user' || n || '@example.com', 'failed', 'mailbox full', now() - interval '2 days' + make_interval(secs => n)
  FROM generate_series(1, 6000) AS n;
  INSERT INTO busy_mail (recipient, status, error_message, created_at)
  SELECT 'user' || n || '@example.com', 'failed', 'mailbox full', now() - interval '50 minutes' + make_interval(secs => n / 4)
  FROM generate_series(1, 6000) AS n;
  ANALYZE;
`);
const settings = resolveApplicationSettings();

/** The probe context, keeping the text of every statement the probe reads with. */
function recordingContext(): {context: ProbeContext; statements: string[]} {
  const statements: string[] = [];
  const lifeline = new Proxy(context.lifeline, {
    get(target, property) {
      if (property === 'read')
        return (sql: string, options?: unknown) => {
          statements.push(sql);
          return target.read(sql, options as never);
        };
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {context: {...context, lifeline}, statements};
}

const windowStatements = (statements: string[]) =>
  statements.filter((sql) => sql.startsWith('WITH newest'));

describe('a key window starts where the last hour began', () => {
  it('reads the dead letters again from the first key of the hour, with the same figures', async () => {
    const {context: recorded, statements} = recordingContext();
    const probe = createDeadLetterProbe(settings.dlq);
    const first = await probe.run(recorded);
    const second = await probe.run(recorded);
    const [hourStart] = await database.query<{id: string}>(
      `SELECT min(id)::text AS id FROM dead_letter_messages WHERE created_at > now() - interval '1 hour'`,
    );
    const [full, narrowed] = windowStatements(statements);
    expect(full).not.toContain('"id" >=');
    expect(narrowed).toContain(`WHERE "id" >= ${hourStart!.id} ORDER BY "id" DESC`);
    if (!first.available || !second.available) throw new Error('dead letters unavailable');
    expect(second.classes).toEqual(first.classes);
    expect(second.classes.map((entry) => entry.count)).toEqual([60, 40]);
    expect(second.arrivalsPerMinute).toBe(first.arrivalsPerMinute);
    expect(second.recent).toEqual(first.recent);
  });

  it('reads the whole window again when the table started over (a truncate)', async () => {
    const {context: recorded, statements} = recordingContext();
    const probe = createEmailProbe(settings.emails);
    const before = await probe.run(recorded);
    if (!before.available) throw new Error(before.reason);
    expect(before.failedLastHour).toBe(60);
    await database.query(`
      TRUNCATE email_log RESTART IDENTITY;
      INSERT INTO email_log (recipient, status, error_message)
      SELECT 'user' || n || '@example.com', 'failed', 'SMTP 421 rate limited' FROM generate_series(1, 12) AS n;
    `);
    const after = await probe.run(recorded);
    if (!after.available) throw new Error(after.reason);
    expect(after.failedLastHour).toBe(12);
    // The narrowed read found nothing, so the probe read again from the newest row.
    const reads = windowStatements(statements);
    expect(reads).toHaveLength(3);
    expect(reads[1]).toContain('"id" >=');
    expect(reads[2]).not.toContain('"id" >=');
  });

  it('on a table with nothing in the last hour, starts from its newest key', async () => {
    const {context: recorded, statements} = recordingContext();
    const probe = createEmailProbe(
      resolveApplicationSettings({panes: {emails: {table: 'quiet_mail'}}}).emails,
    );
    await probe.run(recorded);
    const snapshot = await probe.run(recorded);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.failedLastHour).toBe(0);
    const [newest] = await database.query<{id: string}>(
      'SELECT max(id)::text AS id FROM quiet_mail',
    );
    const reads = windowStatements(statements);
    expect(reads).toHaveLength(2);
    expect(reads[1]).toContain(`WHERE "id" >= ${newest!.id} ORDER BY "id" DESC`);
  });

  it('reads a window full of the last hour from the top again: starting at the hour would read as much', async () => {
    const {context: recorded, statements} = recordingContext();
    const probe = createEmailProbe(
      resolveApplicationSettings({panes: {emails: {table: 'busy_mail'}}}).emails,
    );
    await probe.run(recorded);
    await probe.run(recorded);
    const reads = windowStatements(statements);
    expect(reads).toHaveLength(2);
    expect(reads[1]).not.toContain('"id" >=');
  });
});
