import {describe, expect, it} from 'vitest';
import type {CampaignsSnapshot} from '../../../source/probes/campaigns/campaigns-probe';
import type {DeadLetterSnapshot} from '../../../source/probes/dlq/dlq-probe';
import type {EmailSnapshot} from '../../../source/probes/emails/emails-probe';
import type {IntegrationsSnapshot} from '../../../source/probes/integrations/integrations-probe';
import {campaignRows} from '../../../source/ui/panes/campaign-rows';
import {deadLetterRows, deadLetterSummary} from '../../../source/ui/panes/dead-letter-rows';
import {failedEmailRows, failedEmailSummary} from '../../../source/ui/panes/failed-email-rows';
import {integrationRows} from '../../../source/ui/panes/integration-rows';
import campaigns from './fixtures/campaigns-snapshot.json';
import deadLetters from './fixtures/dlq-snapshot.json';
import emails from './fixtures/email-snapshot.json';
import integrations from './fixtures/integrations-snapshot.json';

const now = Date.parse('2026-11-26T13:00:00.000Z');
const dlq = deadLetters as Extract<DeadLetterSnapshot, {available: true}>;
const email = emails as Extract<EmailSnapshot, {available: true}>;
const isClean = (cells: Record<string, string>) =>
  Object.values(cells).every((cell) => !/[\u0000-\u001f\u007f-\u009f]/.test(cell));

describe('application pane rows from recorded snapshots', () => {
  it('summarises the dead-letter queue and lists error classes or recent messages, sanitised', () => {
    expect(deadLetterSummary(dlq, now)).toEqual({
      text: 'depth ~5,012,345 (estimate)  in 7.4/min  out –/min  oldest 2h04m',
      tone: 'status.warn',
    });
    // A depth carried from the last count of the whole queue says how old that count is.
    const carried = {...dlq, depth: 41_230, depthIsEstimate: false, depthCountedAt: now - 42_000};
    expect(deadLetterSummary(carried, now).text).toBe(
      'depth 41,230 (counted 42s ago)  in 7.4/min  out –/min  oldest 2h04m',
    );
    const classes = deadLetterRows(dlq, 'classes', now);
    expect(classes.map((row) => row.cells)).toEqual([
      {
        count: '412',
        source: 'twilio-webhook',
        errorClass: 'HTTP 429 Too Many Requests from campaign-dispatch',
        last: '2s',
      },
      {
        count: '9',
        source: 'stripe-webhook␛[2J',
        errorClass: 'signature verification failed',
        last: '2m00s',
      },
    ]);
    const messages = deadLetterRows(dlq, 'messages', now);
    expect(messages[1]?.cells).toMatchObject({
      age: '5m00s',
      error: 'boom ␛]52;c;ZWNobw==␇ done',
      payload: '[1024 KB] html="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    });
    for (const row of [...classes, ...messages]) expect(isClean(row.cells)).toBe(true);
  });

  it('summarises failed emails and offers rows for all, each error class and each domain', () => {
    expect(failedEmailSummary(email, {raise: 0.1, critical: 0.5})).toEqual([
      {text: 'failed 45 in 15m (23%)  75 in 1h  sent 2.0/min', tone: 'status.warn'},
      {text: 'retry backlog 10000+ (12 due, oldest due 3m10s ago)', tone: 'status.warn'},
    ]);
    const rows = failedEmailRows(email);
    expect(
      rows.map((row) => [row.cells.kind, row.cells.name, row.cells.recent, row.cells.count]),
    ).toEqual([
      ['all', 'every failed email', '45', '75'],
      ['error', '550 5.1.1 mailbox unavailable', '27', '45'],
      ['error', 'Resend API #: rate limit exceeded', '18', '30'],
      ['domain', 'mail.example.org', '27', '45'],
      ['domain', 'example.com', '18', '30'],
    ]);
    expect(rows[3]?.target).toEqual({
      domainKey: email.byDomain[0]!.key,
      label: 'mail.example.org',
    });
  });

  it('says "no progress for 4m" as soon as the counts stop, before the campaign counts as stalled', () => {
    const snapshot = campaigns as Extract<CampaignsSnapshot, {available: true}>;
    const moving = snapshot.campaigns[1]!;
    const rows = campaignRows({
      ...snapshot,
      campaigns: [
        {...moving, quietSeconds: 250},
        {...moving, id: '4', quietSeconds: 20},
      ],
    });
    // The five-minute rate still counts what moved before the stop: it is not shown as progress.
    expect(rows.map((row) => [row.cells.state, row.cells.rate, row.cells.eta, row.tone])).toEqual([
      ['no progress for 4m', '–', '–', 'status.warn'],
      ['advancing', '60.0', '10m00s', undefined],
    ]);
  });

  it('shows campaign progress, throughput, ETA and flags the stalled one', () => {
    const rows = campaignRows(campaigns as Extract<CampaignsSnapshot, {available: true}>);
    expect(rows.map((row) => ({...row.cells, tone: row.tone}))).toEqual([
      {
        name: 'Black Friday reminder',
        progress: '1508/4000',
        statuses: 'pending 2492 sent 1470 failed 38',
        rate: '–',
        eta: '–',
        state: 'STALLED 5m+',
        tone: 'status.critical',
      },
      {
        name: 'Welcome series',
        progress: '300/900',
        statuses: 'pending 600 sent 300',
        rate: '60.0',
        eta: '10m00s',
        state: 'advancing',
        tone: undefined,
      },
    ]);
  });

  it('shows each integration with status, latency, last error and Retry-After', () => {
    const rows = integrationRows(
      integrations as Extract<IntegrationsSnapshot, {available: true}>,
      1795000000000,
    );
    expect(rows.map((row) => ({...row.cells, tone: row.tone}))).toEqual([
      {name: 'ƒ send-email', status: 'ok 200', latency: '84ms', error: '', tone: 'status.ok'},
      {
        name: 'ƒ campaign-dispatch',
        status: 'rate-limited 429',
        latency: '12ms',
        error: 'HTTP 429: {"error":"rate limit exceeded"} (now) retry in 30s',
        tone: 'status.warn',
      },
      {
        name: 'api',
        status: 'down',
        latency: '–',
        error: 'no answer within 3000 ms (10s ago)',
        tone: 'status.critical',
      },
    ]);
  });
});
