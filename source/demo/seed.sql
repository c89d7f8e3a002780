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

-- Rows for the runbook library's tables: enough for every runbook query to return something.
INSERT INTO login_attempts (email, ip_address, succeeded, attempted_at)
SELECT CASE WHEN n % 5 = 0 THEN 'user@example.com' ELSE 'user' || (n % 7) || '@example.com' END,
       ('203.0.113.' || (n % 20))::inet, n % 9 = 0, now() - make_interval(mins => n)
FROM generate_series(1, 60) AS n;

INSERT INTO api_keys (id, name, rate_limit_per_minute)
VALUES ('00000000-0000-4000-8000-000000000001', 'partner-sync', 60),
       ('00000000-0000-4000-8000-000000000002', 'mobile-app', 600);

INSERT INTO api_request_logs (api_key_id, path, status_code, created_at)
SELECT CASE WHEN n % 4 = 0 THEN '00000000-0000-4000-8000-000000000002'::uuid
            ELSE '00000000-0000-4000-8000-000000000001'::uuid END,
       '/api/v1/stock', CASE WHEN n % 3 = 0 THEN 429 ELSE 200 END,
       now() - make_interval(secs => n * 0.5)
FROM generate_series(1, 200) AS n;

INSERT INTO audit_logs (action, entity_type, entity_id, actor, created_at)
SELECT (ARRAY['update', 'reserve', 'delete'])[1 + n % 3], 'lot', (n % 5 + 1)::text, 'ops@example.com',
       now() - make_interval(mins => n * 13)
FROM generate_series(1, 40) AS n;

INSERT INTO lots (quality, color, meters, reserved_meters, status)
VALUES ('Q1', 'navy', 120, 30, 'in_stock'), ('Q1', 'white', 80, 0, 'in_stock'),
       ('Q2', 'black', 200, 55, 'in_stock'), ('Q3', 'red', 50, 0, 'sold');

INSERT INTO reservations (customer, status) VALUES ('ACME', 'active'), ('Globex', 'cancelled');

-- Lot 3 says 55 reserved but its lines add up to 40; line 4 points at a reservation that is gone.
INSERT INTO reservation_lines (reservation_id, lot_id, reserved_meters)
VALUES (1, 1, 30), (1, 3, 25), (2, 3, 15), (99, 3, 0);

INSERT INTO vouchers (id, code, status, station_scope, redeemed_at)
VALUES ('00000000-0000-4000-8000-00000000a001', 'VCH-1001', 'redeemed', 'station-12', now() - interval '30 minutes'),
       ('00000000-0000-4000-8000-00000000a002', 'VCH-1002', 'issued', 'station-12', NULL);

INSERT INTO voucher_events (voucher_id, event_type, station_id, idempotency_key, created_at)
VALUES ('00000000-0000-4000-8000-00000000a001', 'redeemed', 'station-12', 'redeem-abc', now() - interval '30 minutes'),
       ('00000000-0000-4000-8000-00000000a001', 'redeemed', 'station-14', 'redeem-def', now() - interval '29 minutes');

INSERT INTO payments (order_id, idempotency_key, status, amount_cents, error_code, created_at)
SELECT n, 'pay-' || n, CASE WHEN n % 6 = 0 THEN 'failed' ELSE 'succeeded' END, 1000 + n,
       CASE WHEN n % 6 = 0 THEN 'card_declined' END, now() - make_interval(mins => n * 2)
FROM generate_series(1, 30) AS n;
INSERT INTO payments (order_id, idempotency_key, status, amount_cents, created_at)
VALUES (7, 'pay-7', 'succeeded', 1007, now() - interval '13 minutes');

INSERT INTO cron.job (schedule, command, jobname)
VALUES ('*/5 * * * *', 'select net.http_post(''/functions/v1/process-email-retries'')', 'process-email-retries'),
       ('0 6 * * *', 'select net.http_post(''/functions/v1/daily-digest'')', 'daily-digest');
INSERT INTO cron.job_run_details (jobid, command, status, return_message, start_time, end_time)
SELECT 1 + n % 2, 'select 1', CASE WHEN n % 4 = 0 THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN n % 4 = 0 THEN 'ERROR: 401 unauthorized' ELSE '1 row' END,
       now() - make_interval(mins => n * 5), now() - make_interval(mins => n * 5) + interval '2 seconds'
FROM generate_series(1, 12) AS n;

INSERT INTO auth.users (email, last_sign_in_at) VALUES ('user@example.com', now() - interval '2 hours');
INSERT INTO auth.audit_log_entries (payload, created_at, ip_address)
VALUES ('{"action": "login", "actor_username": "user@example.com"}', now() - interval '2 hours', '203.0.113.5');
