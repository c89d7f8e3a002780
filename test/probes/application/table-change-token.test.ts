import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createCampaignsProbe} from '../../../source/probes/campaigns/campaigns-probe';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {ProbeScheduler} from '../../../source/probes/probe-scheduler';
import type {ProbeDefinition, ProbeOutcome} from '../../../source/probes/probe-types';
import {waitFor} from '../../helpers/database';
import {probeDatabase} from './probe-context';

const {database, context} = await probeDatabase();
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload, created_at)
  SELECT 'n8n-sync', 'HTTP 500', '{}', now() - make_interval(mins => n) FROM generate_series(1, 20) AS n;
  ANALYZE;`);
// A session's counters reach the statistics up to 10 s after it wrote: the setup's must be in
// before the tests compare tokens, or they would change in the middle of one.
await database.query('SELECT pg_stat_force_next_flush()');
await database.query('SELECT 1');
const settings = resolveApplicationSettings();

/** Runs `sql` in a session of its own that reports its statistics now, not within 10 s. */
async function writeAndReport(sql: string): Promise<void> {
  const writer = await database.connect();
  try {
    await writer.query(sql);
    await writer.query('SELECT pg_stat_force_next_flush()');
    await writer.query('SELECT 1');
  } finally {
    await writer.end();
  }
}

describe('change tokens of the application panes', () => {
  it('read the same while nothing is written, and change at once when a row arrives', async () => {
    const probe = createDeadLetterProbe(settings.dlq);
    const first = await probe.changeToken!(context);
    expect(first).toBeTruthy();
    expect(await probe.changeToken!(context)).toBe(first);
    const writer = await database.connect();
    try {
      await writer.query(
        "INSERT INTO dead_letter_messages (source, error, payload) VALUES ('n8n-sync', 'HTTP 502', '{}')",
      );
      // Seen through the newest row, before the writer reports its counters.
      expect(await probe.changeToken!(context)).not.toBe(first);
      await writer.query('SELECT pg_stat_force_next_flush()');
      await writer.query('SELECT 1');
    } finally {
      await writer.end();
    }
  });

  it('change when a row is updated or deleted, once the writer reports its statistics', async () => {
    const probe = createDeadLetterProbe(settings.dlq);
    const before = await probe.changeToken!(context);
    await writeAndReport(
      'UPDATE dead_letter_messages SET retried_at = now() WHERE id = (SELECT min(id) FROM dead_letter_messages)',
    );
    let after = before;
    await waitFor(async () => {
      after = await probe.changeToken!(context);
      return after !== before;
    });
    expect(after).not.toBe(before);
  });

  it('cover both of the campaigns tables', async () => {
    const probe = createCampaignsProbe(settings.campaigns);
    const before = await probe.changeToken!(context);
    await writeAndReport(
      "INSERT INTO campaigns (name, status) VALUES ('spring voucher', 'sending')",
    );
    await waitFor(async () => (await probe.changeToken!(context)) !== before);
  });

  it('let the scheduler read a quiet dead-letter queue once, then only its token', async () => {
    const probe = createDeadLetterProbe(settings.dlq);
    let reads = 0;
    const counted: ProbeDefinition = {
      ...probe,
      intervalMs: 20,
      run: (probeContext) => {
        reads += 1;
        return probe.run(probeContext);
      },
    };
    const outcomes: ProbeOutcome[] = [];
    const scheduler = new ProbeScheduler([counted], context, (_id, outcome) =>
      outcomes.push(outcome),
    );
    scheduler.start();
    await waitFor(() => outcomes.length >= 6);
    expect(reads).toBe(1);
    expect(outcomes.slice(1).every((outcome) => outcome.ok && outcome.readAt !== undefined)).toBe(
      true,
    );
    await database.query(
      "INSERT INTO dead_letter_messages (source, error, payload) VALUES ('whatsapp', 'HTTP 429', '{}')",
    );
    await waitFor(() => reads === 2);
    const latest = outcomes.at(-1)!;
    if (!latest.ok) throw new Error(latest.error);
    scheduler.stop();
  });
});
