import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createCampaignsProbe} from '../../../source/probes/campaigns/campaigns-probe';
import {createEmailProbe} from '../../../source/probes/emails/emails-probe';
import {probeDatabase} from './probe-context';

const {database, context} = await probeDatabase();
await database.query(`
  INSERT INTO email_log (recipient, subject, status, sent_at, created_at)
  SELECT 'user' || n || '@example.com', 'Your order', 'sent', now(), now() - make_interval(secs => n * 10)
  FROM generate_series(1, 30) AS n;
  INSERT INTO email_log (recipient, status, error_message, retry_count, next_retry_at, created_at)
  SELECT 'user' || n || '@mail.example.org', 'failed', '550 5.1.1 mailbox ' || n || ' unavailable', 1,
         now() - interval '1 minute', now() - make_interval(mins => n * 5)
  FROM generate_series(1, 6) AS n;
  INSERT INTO email_log (recipient, status, error_message, created_at)
  VALUES ('a@Gmail.com', 'permanently_failed', 'Resend API 429: rate limit exceeded', now() - interval '2 minutes'),
         ('old@example.com', 'failed', 'too old to count', now() - interval '3 hours');
  INSERT INTO email_log (recipient, status, next_retry_at) VALUES ('later@example.com', 'pending', now() + interval '1 hour');
  INSERT INTO campaigns (name, status, started_at) VALUES
    ('Advancing', 'running', now() - interval '20 minutes'),
    ('Stalled', 'running', now() - interval '30 minutes'),
    ('Done', 'completed', now() - interval '2 days');
  INSERT INTO campaign_targets (campaign_id, status, updated_at)
  SELECT 1, CASE WHEN n <= 50 THEN 'sent' WHEN n <= 55 THEN 'failed' ELSE 'pending' END,
         CASE WHEN n <= 55 THEN now() - make_interval(secs => n * 10) ELSE now() - interval '20 minutes' END
  FROM generate_series(1, 100) AS n;
  INSERT INTO campaign_targets (campaign_id, status, updated_at)
  SELECT 2, CASE WHEN n <= 10 THEN 'sent' ELSE 'pending' END, now() - interval '12 minutes'
  FROM generate_series(1, 40) AS n;
`);
const settings = resolveApplicationSettings();

describe('emails probe on the demo schema', () => {
  it('counts failures by window, error class and domain, the retry backlog and the sent rate', async () => {
    const snapshot = await createEmailProbe(settings.emails).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.failedLast15Minutes).toBe(2 + 1);
    expect(snapshot.failedLastHour).toBe(6 + 1);
    expect(snapshot.sentLast15Minutes).toBe(30);
    expect(snapshot.sentPerMinute).toBe(29 / 5);
    expect(snapshot.failureRate).toBeCloseTo(3 / 33);
    expect(snapshot.byErrorClass[0]).toMatchObject({
      name: '550 5.1.1 mailbox # unavailable',
      count: 6,
      recent: 2,
    });
    expect(snapshot.byDomain.map((group) => group.name)).toEqual(['mail.example.org', 'gmail.com']);
    expect(snapshot.backlog).toBe(7);
    expect(snapshot.backlogDue).toBe(6);
    expect(snapshot.backlogCapped).toBe(false);
    expect(snapshot.oldestDueSeconds).toBeGreaterThan(50);
    expect(snapshot.warnings).toEqual([]);
  });
});

describe('campaigns probe on the demo schema', () => {
  it('shows running campaigns with targets by status, throughput, ETA and the stalled flag', async () => {
    const snapshot = await createCampaignsProbe(settings.campaigns).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.campaigns.map((campaign) => campaign.name)).toEqual(['Advancing', 'Stalled']);
    const [advancing, stalled] = snapshot.campaigns;
    expect(advancing).toMatchObject({
      counts: {sent: 50, failed: 5, pending: 45},
      total: 100,
      pending: 45,
      stalled: false,
    });
    expect(advancing!.throughputPerMinute).toBe(29 / 5);
    expect(advancing!.etaMinutes).toBeCloseTo(45 / (29 / 5));
    expect(stalled).toMatchObject({
      counts: {sent: 10, pending: 30},
      stalled: true,
      etaMinutes: null,
    });
    expect(stalled!.throughputPerMinute).toBe(0);
  });
});

describe('whole queries instead of table mappings', () => {
  it('reads emails and campaigns from the documented columns of a query', async () => {
    const custom = resolveApplicationSettings({
      panes: {
        emails: {
          query:
            'SELECT id, recipient, status, error_message AS error, retry_count, next_retry_at, created_at FROM email_log',
        },
        campaigns: {
          query: `SELECT c.id, c.name, c.started_at, json_build_object('pending', 5, 'sent', 5) AS counts,
                         10 AS advanced_5m, now() AS last_advance_at
                  FROM campaigns c WHERE c.status = 'running'`,
        },
      },
    });
    const emails = await createEmailProbe(custom.emails).run(context);
    expect(emails).toMatchObject({available: true, failedLastHour: 7});
    const campaigns = await createCampaignsProbe(custom.campaigns).run(context);
    expect(campaigns).toMatchObject({
      available: true,
      campaigns: [
        {name: 'Advancing', total: 10, pending: 5, throughputPerMinute: 2, stalled: false},
        {name: 'Stalled', total: 10, pending: 5, throughputPerMinute: 2, stalled: false},
      ],
    });
  });
});
