import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import type {PostgresLifeline} from '../../../source/sources/postgres-lifeline';
import {probeDatabase} from './probe-context';

const {database, lifeline, context} = await probeDatabase();
// Over the 1 MB counted on every read, under the 16 MB counted at all: 3,000 requeued messages
// with a 400-byte payload, and 30 still queued, the oldest an hour old.
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload, created_at, retried_at)
  SELECT 'twilio-webhook', 'timeout', jsonb_build_object('Body', repeat('x', 400), 'n', n),
         now() - interval '2 days' + make_interval(secs => n), now()
  FROM generate_series(1, 3000) AS n;
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'stripe-webhook', 'signature verification failed', '{}', now() - make_interval(mins => n * 2)
  FROM generate_series(1, 30) AS n;
  ANALYZE dead_letter_messages;
`);
const settings = resolveApplicationSettings();

/** The probe's reads, each run again here under EXPLAIN ANALYZE: did it scan the table whole? */
function recordingScans(target: PostgresLifeline): {scannedWhole: boolean[]} {
  const scans = {scannedWhole: [] as boolean[]};
  const read = target.read.bind(target);
  target.read = (async (sql: string, options?: unknown) => {
    // The change token's and the schema check's statements read no rows of the table.
    if (!sql.startsWith('WITH newest')) return read(sql, options as never);
    const [plan] = await database.query<{'QUERY PLAN': unknown}>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
    );
    const executedSeqScans = JSON.stringify(plan?.['QUERY PLAN']).match(
      /"Node Type":"Seq Scan"[^{}]*?"Relation Name":"dead_letter_messages"[^{}]*?"Actual Loops":[1-9]/g,
    );
    scans.scannedWhole.push(executedSeqScans !== null);
    return read(sql, options as never);
  }) as typeof target.read;
  return scans;
}

describe('dead-letter probe on a table too big to count on every read', () => {
  it('counts the whole queue once a minute or when rows left it, and says how old the count its depth comes from is', async () => {
    const [size] = await database.query<{pages: number}>(
      `SELECT (pg_relation_size('dead_letter_messages') / 8192)::int AS pages`,
    );
    expect(size?.pages).toBeGreaterThan(128);
    let clock = Date.now();
    const probe = createDeadLetterProbe(settings.dlq, () => clock);
    // As the scheduler runs it: the change token first, then the read.
    const read = async () => {
      await probe.changeToken?.(context);
      return probe.run(context);
    };
    const scans = recordingScans(lifeline);

    const first = await read();
    if (!first.available) throw new Error(first.reason);
    expect(first).toMatchObject({depth: 30, depthIsEstimate: false, depthCountedAt: null});
    expect(first.oldestAgeSeconds).toBeGreaterThan(59 * 60);
    expect(probe.samples?.(first)).toEqual({'dlq.depth': 30, 'dlq.arrivalsPerMinute': 0});
    const countedAt = clock;

    // Ten seconds on, two more dead letters: their arrival is read, the depth is the count's.
    await database.query(`
      INSERT INTO dead_letter_messages (source, error, payload)
      VALUES ('resend', 'HTTP 503', '{}'), ('resend', 'HTTP 503', '{}')`);
    clock += 10_000;
    const carried = await read();
    if (!carried.available) throw new Error(carried.reason);
    expect(carried).toMatchObject({
      depth: 30,
      depthIsEstimate: false,
      depthCountedAt: countedAt,
      arrivalsLastMinute: 2,
    });
    expect(carried.oldestAgeSeconds).toBeCloseTo(first.oldestAgeSeconds! + 10, 0);
    expect(probe.samples?.(carried)).toEqual({'dlq.arrivalsPerMinute': 2});

    // A minute after the count, the queue is counted again.
    clock = countedAt + 60_000;
    const recounted = await read();
    if (!recounted.available) throw new Error(recounted.reason);
    expect(recounted).toMatchObject({depth: 32, depthIsEstimate: false, depthCountedAt: null});
    expect(probe.samples?.(recounted)).toEqual({'dlq.depth': 32, 'dlq.arrivalsPerMinute': 2});

    // Within the minute, but rows left the queue (a requeue): counted again at once.
    await database.query(
      `UPDATE dead_letter_messages SET retried_at = now() WHERE source = 'resend'`,
    );
    // The counters the change token reads reach the statistics when this session reports them
    // (up to 10 s later unless told to now).
    await database.query('SELECT pg_stat_force_next_flush()');
    await database.query('SELECT 1');
    clock += 10_000;
    const requeued = await read();
    if (!requeued.available) throw new Error(requeued.reason);
    expect(requeued).toMatchObject({depth: 30, depthIsEstimate: false, depthCountedAt: null});

    expect(scans.scannedWhole).toEqual([true, false, true, true]);
  });
});
