-- A small, believable starting state: an hour of history, one campaign half way through.
INSERT INTO orders (customer_email, status, total_cents)
SELECT 'customer' || n || '@example.com', 'paid', (n * 137) % 20000 FROM generate_series(1, 200) AS n;

INSERT INTO campaigns (name, status, started_at)
VALUES ('Black Friday reminder', 'running', now() - interval '20 minutes'),
       ('Loyalty voucher wave 2', 'completed', now() - interval '2 days');

INSERT INTO campaign_targets (campaign_id, recipient, status, updated_at)
SELECT 1, '+4477009' || lpad(n::text, 5, '0'),
       CASE WHEN n <= 1200 THEN 'sent' WHEN n <= 1230 THEN 'failed' ELSE 'pending' END,
       -- Sent targets were updated up to a few seconds ago (the dispatcher is running); pending
       -- ones were last touched when the campaign started.
       CASE WHEN n <= 1230 THEN now() - make_interval(secs => (1230 - n) * 0.5 + 5)
            ELSE now() - interval '20 minutes' END
FROM generate_series(1, 4000) AS n;

INSERT INTO campaign_targets (campaign_id, recipient, status, updated_at)
SELECT 2, '+4477008' || lpad(n::text, 5, '0'), 'sent', now() - interval '2 days'
FROM generate_series(1, 500) AS n;

INSERT INTO email_log (recipient, subject, status, sent_at, created_at)
SELECT 'user' || n || '@example.com', 'Your order', 'sent', now() - make_interval(secs => n * 9),
       now() - make_interval(secs => n * 9)
FROM generate_series(1, 400) AS n;

INSERT INTO dead_letter_messages (source, error, payload, created_at)
SELECT 'twilio-webhook', 'timeout after 30000ms', jsonb_build_object('MessageSid', 'SM' || md5(n::text)),
       now() - make_interval(mins => n * 7)
FROM generate_series(1, 6) AS n;
