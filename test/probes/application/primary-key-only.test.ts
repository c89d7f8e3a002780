import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {recentWindowRows} from '../../../source/probes/application/recent-window';
import {createCampaignsProbe} from '../../../source/probes/campaigns/campaigns-probe';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {createEmailProbe} from '../../../source/probes/emails/emails-probe';
import {probeDatabase} from './probe-context';

// A product whose tables have nothing but their serial primary keys: the panes must reach the
// newest rows through those keys and never read a whole big table on a refresh.
const {database, context} = await probeDatabase(`
  CREATE TABLE dead_letter_messages (id bigserial PRIMARY KEY, source text, error text,
    payload jsonb, created_at timestamptz DEFAULT now(), retried_at timestamptz);
  CREATE TABLE email_log (id bigserial PRIMARY KEY, recipient text, subject text, status text,
    error_message text, retry_count int, next_retry_at timestamptz, created_at timestamptz DEFAULT now());
  CREATE TABLE mail (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), recipient text, status text,
    error_message text, retry_count int, next_retry_at timestamptz, created_at timestamptz DEFAULT now());
  CREATE TABLE shuffled (id bigserial PRIMARY KEY, recipient text, status text,
    error_message text, retry_count int, next_retry_at timestamptz, created_at timestamptz DEFAULT now());
  CREATE TABLE campaigns (id bigserial PRIMARY KEY, name text, status text, started_at timestamptz);
  CREATE TABLE campaign_targets (id bigserial PRIMARY KEY, campaign_id bigint, status text,
    updated_at timestamptz);
`);
// Rows arrive in key order, as with a serial key. Dead letters: bigger than the exact-count
// limit (16 MB), 300 arrivals in the last hour, 25 of them in the last 5 minutes. No arrival
// sits within minutes of the one-hour or five-minute edge: on a loaded machine the seeding
// takes seconds, and a row a few seconds from an edge would slip out of it before the probe runs.
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload, created_at, retried_at)
  SELECT 'twilio-webhook', 'HTTP 429 after ' || n || ' ms', jsonb_build_object('Body', repeat('x', 150), 'n', n),
         now() - interval '3 days' + make_interval(secs => n), CASE WHEN n % 3 = 0 THEN NULL ELSE now() END
  FROM generate_series(1, 120000) AS n;
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'stripe-webhook', 'signature mismatch', '{"id": 1}', now() - make_interval(secs => 3350 - n * 10)
  FROM generate_series(0, 274) AS n;
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'stripe-webhook', 'signature mismatch', '{"id": 1}', now() - make_interval(secs => 130 - n * 5)
  FROM generate_series(1, 25) AS n;
  INSERT INTO email_log (recipient, status, error_message, next_retry_at, created_at)
  SELECT 'user' || n || '@example.com', CASE WHEN n % 4 = 0 THEN 'failed' ELSE 'sent' END,
         CASE WHEN n % 4 = 0 THEN 'SMTP 421 rate limited' END,
         CASE WHEN n % 4 = 0 THEN now() + interval '5 minutes' END,
         now() - make_interval(secs => (20000 - n) * 2 + 1)
  FROM generate_series(1, 20000) AS n;
  INSERT INTO mail (recipient, status, error_message, next_retry_at, created_at)
  SELECT recipient, status, error_message, next_retry_at, created_at FROM email_log ORDER BY id;
  INSERT INTO shuffled (recipient, status, created_at)
  SELECT 'user' || n || '@example.com', 'sent', now() - make_interval(secs => (n * 7919) % 86400)
  FROM generate_series(1, 8000) AS n;
  INSERT INTO campaigns (name, status, started_at) VALUES ('Spring', 'running', now() - interval '1 hour');
  INSERT INTO campaign_targets (campaign_id, status, updated_at)
  SELECT 1, CASE WHEN n % 2 = 0 THEN 'sent' ELSE 'pending' END, now() - make_interval(secs => 5001 - n)
  FROM generate_series(1, 5000) AS n;
  ANALYZE;
`);
const settings = resolveApplicationSettings();

/** Sequential scans of `table` so far, the probe's own included. */
async function sequentialScans(table: string): Promise<number> {
  // The lifeline's backend publishes its table statistics when it next goes idle.
  // It flushes once idle, which can come after this connection reads: read until two agree.
  await context.lifeline.read('SELECT pg_stat_force_next_flush()');
  const read = async () => {
    const [row] = await database.query<{scans: number}>(
      'SELECT seq_scan::int AS scans FROM pg_stat_user_tables WHERE relid = $1::regclass',
      [table],
    );
    return row!.scans;
  };
  // A backend publishes at most once a second unless forced: give it that second, then more.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  let last = await read();
  for (let attempt = 0; attempt < 10; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

describe('application probes on tables with only a primary key', () => {
  it('reads the dead-letter queue without a sequential scan of its big table', async () => {
    const probe = createDeadLetterProbe(settings.dlq);
    await probe.run(context);
    const before = await sequentialScans('dead_letter_messages');
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(await sequentialScans('dead_letter_messages')).toBe(before);
    expect(snapshot.depthIsEstimate).toBe(true);
    expect(snapshot.arrivalsPerMinute).toBe(25 / 5);
    expect(snapshot.classes[0]).toMatchObject({source: 'stripe-webhook', count: 300});
    expect(snapshot.recent).toHaveLength(30);
    expect(snapshot.warnings.some((warning) => warning.includes('scans the table'))).toBe(false);
  });

  it('reads failed emails from the newest rows by key and estimates the retry backlog', async () => {
    const probe = createEmailProbe(settings.emails);
    await probe.run(context);
    const before = await sequentialScans('email_log');
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(await sequentialScans('email_log')).toBe(before);
    // 1,800 rows in the last hour, a quarter of them failed: all within the window. (A failed
    // row every 8 s; the seconds since the insert may push one or two out of each window.)
    expect(recentWindowRows).toBeGreaterThan(1800);
    expect(snapshot.failedLastHour).toBeGreaterThanOrEqual(448);
    expect(snapshot.failedLastHour).toBeLessThanOrEqual(450);
    expect(snapshot.failedLast15Minutes).toBeGreaterThanOrEqual(111);
    expect(snapshot.failedLast15Minutes).toBeLessThanOrEqual(113);
    // The backlog comes from the planner, not from a count of the table.
    expect(snapshot.backlog).toBeGreaterThan(0);
    expect(snapshot.warnings).toContain(
      "no index on email_log (status): the retry backlog is the planner's estimate",
    );
    expect(snapshot.warnings.some((warning) => warning.includes('does not follow'))).toBe(false);
  });

  it('says when the key does not follow the creation time, so the window may miss rows', async () => {
    const probe = createEmailProbe(
      resolveApplicationSettings({panes: {emails: {table: 'shuffled'}}}).emails,
    );
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.warnings).toContain(
      "shuffled.id does not follow created_at: the last hour's counts may miss rows (an index on shuffled (created_at) makes them exact)",
    );
  });

  it('reads a table keyed by uuid from its last pages, not the whole table', async () => {
    const probe = createEmailProbe(
      resolveApplicationSettings({panes: {emails: {table: 'mail'}}}).emails,
    );
    await probe.run(context);
    const before = await sequentialScans('mail');
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(await sequentialScans('mail')).toBe(before);
    expect(snapshot.failedLastHour).toBeGreaterThanOrEqual(448);
    expect(snapshot.failedLastHour).toBeLessThanOrEqual(450);
    expect(snapshot.warnings).toContain(
      "no index on mail (created_at): the newest rows are read from the table's last pages",
    );
  });

  it('reads campaign progress in one pass over its targets, not one per campaign', async () => {
    const probe = createCampaignsProbe({
      ...settings.campaigns,
      targets: {...settings.campaigns.targets, pendingStatuses: ['pending']},
    });
    await probe.run(context);
    const before = await sequentialScans('campaign_targets');
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(await sequentialScans('campaign_targets')).toBe(before + 1);
    expect(snapshot.campaigns[0]).toMatchObject({total: 5000, pending: 2500});
  });
});
