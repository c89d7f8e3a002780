import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {createDeadLetterProbe} from '../../../source/probes/dlq/dlq-probe';
import {createEmailProbe} from '../../../source/probes/emails/emails-probe';
import {probeDatabase} from './probe-context';

const {database, context} = await probeDatabase();
const hostileSequence = '\u001b]52;c;ZWNobyBoaQ==\u0007\u001b[2J\u001b[31mred\u009b1m';
await database.query(
  `INSERT INTO dead_letter_messages (source, error, payload)
   VALUES ($1, $2, jsonb_build_object('html', repeat('x', 1048576), $3::text, 1)),
          ('evil', 'plain', to_jsonb($2::text))`,
  [`src${hostileSequence}`, `boom ${hostileSequence}\nsecond line`, `key${hostileSequence}`],
);
await database.query(
  `INSERT INTO email_log (recipient, status, error_message) VALUES ($1, 'failed', $2)`,
  [`x@${hostileSequence}.com`, `550 ${hostileSequence}`],
);

const isClean = (text: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(text);

describe('attacker-controlled payloads and error texts', () => {
  it('never carries hostileSequence sequences and never brings a 1 MB payload out of the database', async () => {
    const snapshot = await createDeadLetterProbe(resolveApplicationSettings().dlq).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    const serialised = JSON.stringify(snapshot);
    expect(serialised.length).toBeLessThan(5000);
    for (const message of snapshot.recent) {
      for (const text of [
        message.source,
        message.error,
        message.errorClass,
        message.payloadSummary,
      ])
        expect(isClean(text), text).toBe(true);
    }
    const huge = snapshot.recent.find((message) => message.payloadBytes! > 10_000)!;
    expect(huge.payloadSummary).toMatch(/html="x{20,}/);
    expect(huge.payloadSummary.length).toBeLessThanOrEqual(400);
    for (const group of snapshot.classes)
      expect(isClean(group.source + group.errorClass)).toBe(true);
  });

  it('sanitises email error classes and recipient domains', async () => {
    const snapshot = await createEmailProbe(resolveApplicationSettings().emails).run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    for (const group of [...snapshot.byErrorClass, ...snapshot.byDomain])
      expect(isClean(group.name), group.name).toBe(true);
  });
});
