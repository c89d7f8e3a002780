import pg from 'pg';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {createEmailProbe} from '../../../source/probes/emails/emails-probe';
import {parseConnectionTarget} from '../../../source/sources/connection-target';
import {PostgresLifeline} from '../../../source/sources/postgres-lifeline';
import {testServer} from '../../helpers/database';
import {demoSchema} from './probe-context';

// Regression: one row with invalid UTF-8 (a SQL_ASCII database stores any bytes) blanked the whole
// Dead letters or Failed emails pane with "invalid byte sequence for encoding UTF8".
const server = testServer();
const name = `test_ascii_${Math.random().toString(36).slice(2, 10)}`;
const admin = new pg.Client({connectionString: server.adminUrl});
await admin.connect();
await admin.query(
  `CREATE DATABASE ${name} ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`,
);
const url = server.urlTemplate.replace('__DATABASE__', name);
const setup = new pg.Client({connectionString: url});
await setup.connect();
await setup.query(demoSchema);
// Bytes that are not UTF-8 (a Latin-1 "é" and a stray 0xff), inserted as the server stores them.
await setup.query(`
  INSERT INTO dead_letter_messages (source, error, payload)
  VALUES (convert_from('\\x776562686f6f6bff'::bytea, 'SQL_ASCII'),
          convert_from('\\x63616665e920646f776e'::bytea, 'SQL_ASCII'), '{"n": 1}');
  INSERT INTO dead_letter_messages (source, error) VALUES ('stripe', 'signature failed');
  INSERT INTO email_log (recipient, status, error_message)
  VALUES (convert_from('\\x72e96e6540782e6f7267'::bytea, 'SQL_ASCII'), 'failed',
          convert_from('\\x6d61696c626f7820ff66756c6c'::bytea, 'SQL_ASCII'));
`);
const lifeline = new PostgresLifeline(parseConnectionTarget(url));
lifeline.start();
await lifeline.waitUntilConnected(10_000);
const context = {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit: 50};
afterAll(async () => {
  await lifeline.close();
  await setup.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});
const settings = resolveApplicationSettings();

describe('text columns with invalid UTF-8 (SQL_ASCII database)', () => {
  it('cost the dead-letter pane one replacement character per bad byte, not the pane', async () => {
    const snapshot = await createDeadLetterProbe(settings.dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    expect(snapshot.depth).toBe(2);
    const texts = JSON.stringify(snapshot);
    expect(texts).toContain('webhook\ufffd');
    expect(texts).toContain('cafe\ufffd down');
  });

  it('cost the failed-emails pane one replacement character per bad byte, not the pane', async () => {
    const snapshot = await createEmailProbe(settings.emails).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    const texts = JSON.stringify(snapshot);
    expect(texts).toContain('mailbox \ufffdfull');
  });
});
