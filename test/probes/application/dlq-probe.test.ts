import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {probeDatabase} from './probe-context';

const {database, context} = await probeDatabase();
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'twilio-webhook', 'HTTP 429 Too Many Requests after ' || n || ' ms',
         jsonb_build_object('MessageSid', 'SM' || n, 'To', '+44770090' || n), now() - make_interval(secs => n * 20)
  FROM generate_series(1, 12) AS n;
  INSERT INTO dead_letter_messages (source, error, payload, created_at, retried_at)
  VALUES ('stripe-webhook', 'signature verification failed', '{"id": "evt_1"}', now() - interval '2 hours', NULL),
         ('stripe-webhook', 'signature verification failed', '{"id": "evt_2"}', now() - interval '3 hours', now());
`);

describe('dead-letter probe on the demo schema', () => {
  it('reports depth, arrivals, oldest age, error classes and a summarised sample', async () => {
    const probe = createDeadLetterProbe(resolveApplicationSettings().dlq);
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.depth).toBe(13);
    expect(snapshot.depthIsEstimate).toBe(false);
    expect(snapshot.arrivalsLastMinute).toBe(2);
    expect(snapshot.arrivalsPerMinute).toBe(12 / 5);
    expect(snapshot.oldestAgeSeconds).toBeGreaterThan(7000);
    expect(snapshot.classes[0]).toMatchObject({
      source: 'twilio-webhook',
      errorClass: 'HTTP 429 Too Many Requests after # ms',
      count: 12,
    });
    expect(snapshot.recent[0]?.payloadSummary).toBe('To="+447700901", MessageSid="SM1"');
    expect(snapshot.warnings).toEqual([]);
    expect(probe.samples?.(snapshot)).toEqual({'dlq.depth': 13, 'dlq.arrivalsPerMinute': 2});
  });
});
