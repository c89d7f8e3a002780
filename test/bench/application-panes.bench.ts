// Seeds 5,000,000 dead letters and 2,000,000 emails into an embedded PostgreSQL and prints the
// median time of each application probe. Figures only: nothing here passes or fails.
import pg from 'pg';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import schema from '../../source/demo/schema.sql';
import {applicationProbes} from '../../source/probes/application/application-probes';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {startEdgeFunctionServer} from '../helpers/edge-function-server';

const deadLetters = Number(process.env.BENCH_DLQ_ROWS ?? 5_000_000);
const emails = Number(process.env.BENCH_EMAIL_ROWS ?? 2_000_000);
const runs = 9;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const server = await startEmbeddedServer({settings: {shared_buffers: '256MB'}});
const edge = await startEdgeFunctionServer({
  'send-email': 'ok',
  'campaign-dispatch': 'rate-limited',
});
try {
  const admin = new pg.Client({connectionString: server.connectionString});
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = server.urlFor('bench');
  const setup = new pg.Client({connectionString: url});
  await setup.connect();
  await setup.query(schema.replace(/CREATE EXTENSION[^;]*;/, ''));
  let started = performance.now();
  // 30 days of dead letters, one every half second, in key order; 9 in 10 already requeued.
  await setup.query(`
    INSERT INTO dead_letter_messages (source, error, payload, created_at, retried_at)
    SELECT (ARRAY['twilio-webhook', 'stripe-webhook', 'sendgrid-events', 'shopify-orders', 'slack'])[1 + n % 5],
           (ARRAY['HTTP 429 Too Many Requests after ', 'timeout after ', 'signature verification failed ',
                  'HTTP 500 from upstream ', 'invalid JSON at position '])[1 + n % 5] || (n % 997),
           jsonb_build_object('MessageSid', 'SM' || n, 'To', '+4477009' || (n % 100000), 'Body', repeat('x', 40)),
           now() - make_interval(secs => (${deadLetters} - n) * 0.5),
           CASE WHEN n % 10 = 0 THEN NULL ELSE now() - make_interval(secs => (${deadLetters} - n) * 0.5 - 60) END
    FROM generate_series(1, ${deadLetters}) AS n`);
  console.log(`seeded ${deadLetters.toLocaleString('en-US')} dead letters in ${seconds(started)}`);
  started = performance.now();
  await setup.query(`
    INSERT INTO email_log (recipient, subject, status, error_message, retry_count, next_retry_at, created_at, sent_at)
    SELECT 'user' || n || '@' || (ARRAY['example.com', 'mail.example.org', 'gmail.com', 'outlook.com'])[1 + n % 4],
           'Your order',
           CASE WHEN n % 50 = 0 THEN 'failed' WHEN n % 97 = 0 THEN 'permanently_failed'
                WHEN n % 31 = 0 THEN 'pending' ELSE 'sent' END,
           CASE WHEN n % 50 = 0 OR n % 97 = 0 THEN '550 5.1.1 mailbox ' || (n % 13) || ' unavailable' END,
           CASE WHEN n % 50 = 0 THEN 1 ELSE 0 END,
           CASE WHEN n % 50 = 0 OR n % 31 = 0 THEN now() - make_interval(secs => (${emails} - n) * 1.3) + interval '10 minutes' END,
           now() - make_interval(secs => (${emails} - n) * 1.3),
           CASE WHEN n % 50 <> 0 THEN now() - make_interval(secs => (${emails} - n) * 1.3) END
    FROM generate_series(1, ${emails}) AS n`);
  console.log(`seeded ${emails.toLocaleString('en-US')} emails in ${seconds(started)}`);
  await setup.query(`
    INSERT INTO campaigns (name, status, started_at)
    SELECT 'Campaign ' || n, CASE WHEN n <= 3 THEN 'running' ELSE 'completed' END, now() - make_interval(hours => n)
    FROM generate_series(1, 20) AS n;
    INSERT INTO campaign_targets (campaign_id, status, updated_at)
    SELECT 1 + n % 20, CASE WHEN n % 3 = 0 THEN 'pending' WHEN n % 41 = 0 THEN 'failed' ELSE 'sent' END,
           now() - make_interval(secs => (200000 - n) * 0.2)
    FROM generate_series(1, 200000) AS n;`);
  // As autovacuum would have by now: statistics, and a visibility map for index-only scans.
  await setup.query('VACUUM ANALYZE');
  await setup.end();

  const lifeline = new PostgresLifeline(parseConnectionTarget(url));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  const settings = resolveApplicationSettings(
    {integrations: {functions: [{name: 'send-email'}, {name: 'campaign-dispatch'}]}},
    {SUPABASE_URL: edge.url, SUPABASE_SERVICE_ROLE_KEY: 'bench-key'},
  );
  const context = {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit: 50};
  const measure = async (probe: ReturnType<typeof applicationProbes>[number], label: string) => {
    await probe.run(context);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const begin = performance.now();
      await probe.run(context);
      times.push(performance.now() - begin);
    }
    times.sort((left, right) => left - right);
    const format = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
    console.log(
      `${label.padEnd(22)} ${format(times[Math.floor(runs / 2)]!)} ${format(times[0]!)} ${format(times.at(-1)!)}`,
    );
  };
  console.log(`\nprobe                  median   min      max    (${runs} runs after one warm-up)`);
  for (const probe of applicationProbes(settings)) await measure(probe, probe.id);
  // The README's recommended partial index makes "oldest queued message" cheap as well.
  const indexer = new pg.Client({connectionString: url});
  await indexer.connect();
  await indexer.query(
    'CREATE INDEX dead_letter_messages_queued_idx ON dead_letter_messages (created_at) WHERE retried_at IS NULL',
  );
  await measure(applicationProbes(settings)[0]!, 'dlq + partial index');
  // As the product may ship them: nothing but the serial primary keys.
  await indexer.query(`DROP INDEX dead_letter_messages_queued_idx, dead_letter_messages_created_at_idx,
    email_log_created_at_idx, email_log_status_next_retry_idx, campaign_targets_campaign_status_idx,
    campaign_targets_updated_at_idx`);
  for (const probe of applicationProbes(settings).filter((entry) => entry.id !== 'integrations'))
    await measure(probe, `${probe.id} (primary key only)`);
  await indexer.end();
  const depth = await applicationProbes(settings)[0]!.run(context);
  console.log(`\ndlq snapshot: ${JSON.stringify(depth).slice(0, 240)}…`);
  await lifeline.close();
} finally {
  await edge.close();
  await server.stop();
}
