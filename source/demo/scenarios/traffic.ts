import type {DemoWorld} from '../demo-world';

/** One second of healthy traffic: emails sent, campaign targets advancing, the odd dead letter. */
export async function healthyTraffic(
  world: DemoWorld,
  options: {campaignAdvancing: boolean},
): Promise<void> {
  await world.run(
    `INSERT INTO email_log (recipient, subject, status, sent_at)
     SELECT 'user' || floor(random() * 100000)::int || '@example.com', 'Your order', 'sent', now()
     FROM generate_series(1, 2)`,
  );
  if (options.campaignAdvancing) {
    await world.run(
      `UPDATE campaign_targets SET status = CASE WHEN random() < 0.03 THEN 'failed' ELSE 'sent' END, updated_at = now()
       WHERE id IN (SELECT id FROM campaign_targets WHERE campaign_id = 1 AND status = 'pending' ORDER BY id LIMIT 6)
         AND EXISTS (SELECT 1 FROM campaigns WHERE id = 1 AND status = 'running')`,
    );
  }
}

/** Failed emails, as a provider outage or a bad domain produces them. */
export async function failEmails(
  world: DemoWorld,
  count: number,
  error: string,
  domain = 'example.com',
): Promise<void> {
  await world.run(
    `INSERT INTO email_log (recipient, subject, status, error_message, retry_count, next_retry_at)
     SELECT 'user' || floor(random() * 100000)::int || '@' || $3, 'Your voucher', 'failed', $2, 1,
            now() + interval '5 minutes'
     FROM generate_series(1, $1::int)`,
    [count, error, domain],
  );
}

/** Webhook deliveries landing in the dead-letter table. */
export async function deadLetters(
  world: DemoWorld,
  count: number,
  source: string,
  error: string,
): Promise<void> {
  await world.run(
    `INSERT INTO dead_letter_messages (source, error, payload)
     SELECT $2, $3, jsonb_build_object('MessageSid', 'SM' || md5(random()::text), 'To', '+4477009' || (random() * 99999)::int)
     FROM generate_series(1, $1::int)`,
    [count, source, error],
  );
}
