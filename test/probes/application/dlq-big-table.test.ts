import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {probeDatabase} from './probe-context';

const {database, context} = await probeDatabase();
// Bigger than the exact-count limit (16 MB): 150,000 requeued messages, then 40 still queued.
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload, created_at, retried_at)
  SELECT 'twilio-webhook', 'timeout', jsonb_build_object('Body', repeat('x', 120), 'n', n),
         now() - interval '2 days' + make_interval(secs => n), now()
  FROM generate_series(1, 150000) AS n;
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'stripe-webhook', 'signature verification failed', '{}', now() - make_interval(mins => n)
  FROM generate_series(1, 40) AS n;
  ANALYZE dead_letter_messages;
`);
const settings = resolveApplicationSettings();

describe('dead-letter probe on a big table', () => {
  it('uses the planner estimate and skips the oldest age, saying which index would make it cheap', async () => {
    const snapshot = await createDeadLetterProbe(settings.dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.depthIsEstimate).toBe(true);
    expect(snapshot.depth).toBeGreaterThan(0);
    expect(snapshot.depth).toBeLessThan(5000);
    expect(snapshot.oldestAgeSeconds).toBeNull();
    expect(snapshot.arrivalsPerMinute).toBe(4 / 5);
    expect(snapshot.warnings).toEqual([
      'oldest age needs a partial index: CREATE INDEX ON dead_letter_messages (created_at) WHERE retried_at IS NULL',
    ]);
  });

  it('reports the oldest age once the partial index exists', async () => {
    await database.query(
      'CREATE INDEX dead_letter_messages_queued_idx ON dead_letter_messages (created_at) WHERE retried_at IS NULL',
    );
    const snapshot = await createDeadLetterProbe(settings.dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.oldestAgeSeconds).toBeGreaterThan(39 * 60);
    expect(snapshot.oldestAgeSeconds).toBeLessThan(41 * 60);
    expect(snapshot.warnings).toEqual([]);
  });
});
