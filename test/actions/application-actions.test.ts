import {afterAll, describe, expect, it} from 'vitest';
import type {ApplicationActionRequest} from '../../source/actions/application-action';
import {
  requeuePlan,
  retryEmailsPlan,
  stopCampaignPlan,
} from '../../source/actions/application-action-plans';
import {createWritePipeline} from '../../source/actions/write-pipeline';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {createDeadLetterProbe} from '../../source/probes/dlq/dlq-probe';
import {errorClassSql} from '../../source/probes/dlq/dlq-sql';
import {createEmailProbe} from '../../source/probes/emails/emails-probe';
import type {TimelineEventInput} from '../../source/timeline/timeline-sink';
import {startEdgeFunctionServer} from '../helpers/edge-function-server';
import {probeDatabase} from '../probes/application/probe-context';

const {database, lifeline, context} = await probeDatabase();
await database.query(`
  INSERT INTO dead_letter_messages (source, error, payload) VALUES
    ('twilio-webhook', 'HTTP 429 after 100 ms', '{}'), ('twilio-webhook', 'HTTP 429 after 250 ms', '{}'),
    ('stripe-webhook', 'signature verification failed', '{}');
  INSERT INTO email_log (recipient, status, error_message, retry_count, next_retry_at) VALUES
    ('a@mail.example.org', 'failed', '550 mailbox unavailable', 3, now() + interval '1 hour'),
    ('b@mail.example.org', 'failed', '550 mailbox unavailable', 2, now() + interval '1 hour'),
    ('c@example.com', 'permanently_failed', 'bounced', 5, NULL);
`);
const server = await startEdgeFunctionServer({});
afterAll(() => server.close());

const token = 'admin-token-that-must-stay-secret';
const settings = resolveApplicationSettings(
  {
    panes: {
      campaigns: {
        stopEndpoint: {
          url: `${server.url}/api/campaigns/:id/stop`,
          headers: {Authorization: `Bearer ${token}`},
        },
      },
    },
  },
  {},
);
const journal: TimelineEventInput[] = [];
// The panes read their tables in full after each of these (not after a preview or a cancel).
let possibleChanges = 0;
const run = createWritePipeline({
  lifeline: () => lifeline,
  timeline: {record: async (event) => void journal.push(event)},
  readOnly: false,
  secrets: settings.secrets,
  onPossibleChange: () => {
    possibleChanges += 1;
  },
}).runApplicationAction;
const planned = (plan: ReturnType<typeof requeuePlan>): ApplicationActionRequest => {
  if ('unavailable' in plan) throw new Error(plan.unavailable);
  return plan.request;
};
const pendingDeadLetters = async () =>
  (
    await database.query<{n: number}>(
      'SELECT count(*)::int AS n FROM dead_letter_messages WHERE retried_at IS NULL',
    )
  )[0]!.n;

describe('application actions', () => {
  it('previews a requeue of a whole error class in a rolled-back transaction, then executes and journals it', async () => {
    const snapshot = await createDeadLetterProbe(settings.dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    const twilio = snapshot.classes.find((group) => group.source === 'twilio-webhook')!;
    expect(twilio).toMatchObject({errorClass: 'HTTP 429 after # ms', count: 2});
    const request = planned(requeuePlan(settings.dlq, {classKey: twilio.key, label: 'twilio 429'}));
    expect(request.kind === 'sql' && request.statements).toEqual([
      `UPDATE "dead_letter_messages" SET "retried_at" = now() WHERE md5(coalesce(("source")::text, '') || chr(31) || ${errorClassSql('"error"')}) = '${twilio.key}' AND "retried_at" IS NULL`,
    ]);
    const preview = await run(request, 'preview');
    expect(preview).toMatchObject({ok: true, rowCounts: [2]});
    expect(await pendingDeadLetters()).toBe(3);
    expect(journal).toEqual([]);
    expect(possibleChanges).toBe(0);
    expect(await run(request, 'execute')).toMatchObject({ok: true, rowCounts: [2]});
    expect(possibleChanges).toBe(1);
    expect(await pendingDeadLetters()).toBe(1);
    expect(journal.at(-1)).toMatchObject({
      kind: 'action.requeue',
      text: 'Requeue dead letters twilio 429: 2 row(s) changed',
    });
  });

  it('requeues one message and records a cancellation without changing anything', async () => {
    const [row] = await database.query<{id: string}>(
      "SELECT id::text FROM dead_letter_messages WHERE source = 'stripe-webhook'",
    );
    const request = planned(requeuePlan(settings.dlq, {messageId: row!.id}));
    expect(await run(request, 'cancel')).toMatchObject({ok: true});
    expect(journal.at(-1)).toMatchObject({kind: 'action.cancelled'});
    expect(possibleChanges).toBe(1);
    expect(await pendingDeadLetters()).toBe(1);
    expect(await run(request, 'execute')).toMatchObject({rowCounts: [1]});
    expect(await pendingDeadLetters()).toBe(0);
  });

  it('retries failed emails as the runbook does, leaving permanent failures alone', async () => {
    const snapshot = await createEmailProbe(settings.emails).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    const domain = snapshot.byDomain.find((group) => group.name === 'mail.example.org')!;
    const request = planned(
      retryEmailsPlan(settings.emails, {domainKey: domain.key, label: domain.name}),
    );
    expect(await run(request, 'preview')).toMatchObject({rowCounts: [2]});
    await run(request, 'execute');
    const rows = await database.query<{status: string; retry_count: number; due: boolean}>(
      'SELECT status, retry_count, next_retry_at <= now() AS due FROM email_log ORDER BY recipient',
    );
    expect(rows).toEqual([
      {status: 'pending', retry_count: 0, due: true},
      {status: 'pending', retry_count: 0, due: true},
      {status: 'permanently_failed', retry_count: 5, due: null},
    ]);
    expect(journal.at(-1)).toMatchObject({kind: 'action.retry'});
  });

  it('stops a campaign through its HTTP endpoint without ever showing or journaling the auth header', async () => {
    const request = planned(stopCampaignPlan(settings.campaigns, {id: '42', name: 'Black Friday'}));
    expect(await run(request, 'preview')).toMatchObject({
      ok: true,
      text: `will call POST ${server.url}/api/campaigns/42/stop`,
    });
    expect(server.requests).toEqual([]);
    expect(await run(request, 'execute')).toMatchObject({ok: true, httpStatus: 200});
    expect(server.requests.at(-1)).toMatchObject({
      path: '/api/campaigns/42/stop',
      method: 'POST',
      authorization: `Bearer ${token}`,
    });
    expect(journal.at(-1)).toMatchObject({kind: 'action.stop-campaign'});
    expect(JSON.stringify(journal)).not.toContain(token);
  });

  it('says what to configure when an action has no endpoint or SQL, and refuses under --read-only', async () => {
    const defaults = resolveApplicationSettings();
    expect(stopCampaignPlan(defaults.campaigns, {id: '1', name: 'x'})).toEqual({
      unavailable: expect.stringContaining('panes.campaigns.stopEndpoint'),
    });
    const outbox = resolveApplicationSettings({
      panes: {dlq: {table: 'outbox', deadLetterWhen: {column: 'status', equals: 'dead_letter'}}},
    });
    expect(requeuePlan(outbox.dlq, {messageId: '1'})).toEqual({
      unavailable: expect.stringContaining('panes.dlq.requeue.statements'),
    });
    const readOnly = createWritePipeline({
      lifeline: () => lifeline,
      timeline: {record: async () => undefined},
      readOnly: true,
      secrets: [],
    }).runApplicationAction;
    const request = planned(retryEmailsPlan(settings.emails, {all: true}));
    expect(await readOnly(request, 'execute')).toMatchObject({ok: false});
  });

  it('reports a preview that hits a missing column in words, with nothing changed', async () => {
    const broken = resolveApplicationSettings({
      panes: {dlq: {requeue: {statements: ['UPDATE {table} SET nope = 1 WHERE {where}']}}},
    });
    const result = await run(planned(requeuePlan(broken.dlq, {messageId: '1'})), 'preview');
    expect(result).toMatchObject({ok: false, text: expect.stringContaining('column "nope"')});
  });
});
