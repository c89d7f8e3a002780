import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {createEmailProbe} from '../../../source/probes/emails/emails-probe';
import {probeDatabase} from './probe-context';

const {database, context} = await probeDatabase(`
  CREATE TABLE outbox (id bigserial PRIMARY KEY, topic text, status text NOT NULL,
    last_error text, message_data jsonb, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE deliveries (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), endpoint text,
    is_dead_lettered boolean NOT NULL DEFAULT false, failure_reason text, message_data json,
    created_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX deliveries_created_at_idx ON deliveries (created_at);
  CREATE TABLE mail (id bigserial PRIMARY KEY, recipient text, status text, error_message text,
    retry_count int, next_retry_at timestamptz, created_at timestamptz DEFAULT now());
`);
await database.query(`
  INSERT INTO outbox (topic, status, last_error, message_data)
  VALUES ('orders', 'dead_letter', 'broker refused', '{"order": 1}'),
         ('orders', 'dead_letter', 'broker refused', '{"order": 2}'),
         ('orders', 'sent', NULL, '{"order": 3}');
  INSERT INTO deliveries (endpoint, is_dead_lettered, failure_reason, message_data)
  VALUES ('https://hooks.example.com', true, 'HTTP 410 Gone', '{"event": "paid"}'),
         ('https://hooks.example.com', false, NULL, '{"event": "refunded"}');
`);

describe('dead-letter probe on other schemas', () => {
  it('reads an outbox whose dead letters have status = dead_letter, its newest rows by the serial key', async () => {
    const {dlq} = resolveApplicationSettings({
      panes: {
        dlq: {
          table: 'outbox',
          columns: {source: 'topic', error: 'last_error', payload: 'message_data'},
          deadLetterWhen: {column: 'status', equals: 'dead_letter'},
        },
      },
    });
    const snapshot = await createDeadLetterProbe(dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.depth).toBe(2);
    expect(snapshot.classes).toMatchObject([
      {source: 'orders', errorClass: 'broker refused', count: 2},
    ]);
    expect(snapshot.recent.map((message) => message.payloadSummary).sort()).toEqual([
      'order=1',
      'order=2',
    ]);
    // No index on created_at, but the bigserial primary key reaches the newest rows: no scan.
    expect(snapshot.warnings).toEqual([]);
    expect(dlq.requeueStatements).toBeUndefined();
  });

  it('reads a deliveries table with an is_dead_lettered flag, json payloads and failure_reason', async () => {
    const {dlq} = resolveApplicationSettings({
      panes: {
        dlq: {
          table: 'deliveries',
          columns: {source: 'endpoint', error: 'failure_reason', payload: 'message_data'},
          deadLetterWhen: {column: 'is_dead_lettered', isTrue: true},
        },
      },
    });
    const snapshot = await createDeadLetterProbe(dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.depth).toBe(1);
    expect(snapshot.recent).toMatchObject([
      {error: 'HTTP 410 Gone', payloadSummary: 'event="paid"'},
    ]);
    expect(snapshot.warnings).toEqual([]);
  });

  it('takes a whole query instead of a table mapping', async () => {
    const {dlq} = resolveApplicationSettings({
      panes: {
        dlq: {
          query:
            "SELECT id, topic AS source, last_error AS error, message_data AS payload, created_at FROM outbox WHERE status = 'dead_letter'",
        },
      },
    });
    const snapshot = await createDeadLetterProbe(dlq).run(context);
    expect(snapshot).toMatchObject({available: true, depth: 2, depthIsEstimate: false});
  });

  it('says which table or column is missing and which config key to set', async () => {
    const missingTable = await createDeadLetterProbe(resolveApplicationSettings().dlq).run(context);
    expect(missingTable).toEqual({
      available: false,
      reason: 'table dead_letter_messages does not exist — set panes.dlq.table in the config file',
    });
    const {dlq} = resolveApplicationSettings({
      panes: {dlq: {table: 'outbox', deadLetterWhen: {column: 'status', equals: 'dead_letter'}}},
    });
    expect(await createDeadLetterProbe(dlq).run(context)).toEqual({
      available: false,
      reason:
        'column source of table outbox does not exist — set panes.dlq.columns.source in the config file',
    });
    const {emails} = resolveApplicationSettings({panes: {emails: {table: 'mail'}}});
    expect(await createEmailProbe(emails).run(context)).toMatchObject({available: true});
    const broken = resolveApplicationSettings({panes: {emails: {query: 'SELECT nope FROM mail'}}});
    await expect(createEmailProbe(broken.emails).run(context)).rejects.toThrow(
      /column "nope" does not exist — check panes.emails.query in the config file/,
    );
  });
});
