-- The demo application's schema: the tables the runbook library and the application panes
-- read, shaped like the products the runbooks were written for.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

CREATE TABLE dead_letter_messages (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  error text,
  payload jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  retried_at timestamptz
);
CREATE INDEX dead_letter_messages_created_at_idx ON dead_letter_messages (created_at);

CREATE TABLE email_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient text NOT NULL,
  subject text,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sent', 'failed', 'permanently_failed')),
  error_message text,
  retry_count integer NOT NULL DEFAULT 0,
  next_retry_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX email_log_created_at_idx ON email_log (created_at);
CREATE INDEX email_log_status_next_retry_idx ON email_log (status, next_retry_at);

CREATE TABLE campaigns (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  started_at timestamptz
);

CREATE TABLE campaign_targets (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns (id),
  recipient text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_targets_campaign_status_idx ON campaign_targets (campaign_id, status);
CREATE INDEX campaign_targets_updated_at_idx ON campaign_targets (updated_at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  action text NOT NULL,
  actor text,
  entity_type text,
  entity_id text,
  details jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_email text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  total_cents integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Tables the runbook library's SQL names (runbooks/*.md). Shaped like the products the seed
-- runbooks came from: a WMS (lots, reservations), a voucher platform, a public API.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  ip_address inet,
  succeeded boolean NOT NULL DEFAULT false,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_attempted_at_idx ON login_attempts (attempted_at);
CREATE INDEX login_attempts_email_idx ON login_attempts (email);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  rate_limit_per_minute integer NOT NULL DEFAULT 60,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_request_logs (
  id bigserial PRIMARY KEY,
  api_key_id uuid REFERENCES api_keys (id),
  path text NOT NULL,
  status_code integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_request_logs_created_at_idx ON api_request_logs (created_at);

CREATE TABLE audit_logs (
  id bigserial PRIMARY KEY,
  action text NOT NULL,
  entity_type text,
  entity_id text,
  actor text,
  details jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_created_at_idx ON audit_logs (created_at);

CREATE TABLE lots (
  id bigserial PRIMARY KEY,
  quality text NOT NULL,
  color text NOT NULL,
  meters numeric(10, 2) NOT NULL,
  reserved_meters numeric(10, 2) NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'in_stock'
);

CREATE TABLE reservations (
  id bigserial PRIMARY KEY,
  customer text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled', 'fulfilled')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- No foreign key on reservation_id on purpose: the runbook hunts for orphaned lines.
CREATE TABLE reservation_lines (
  id bigserial PRIMARY KEY,
  reservation_id bigint NOT NULL,
  lot_id bigint NOT NULL REFERENCES lots (id),
  reserved_meters numeric(10, 2) NOT NULL
);
CREATE INDEX reservation_lines_lot_idx ON reservation_lines (lot_id);

CREATE TABLE vouchers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'redeemed', 'void', 'expired')),
  station_scope text,
  redeemed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE voucher_events (
  id bigserial PRIMARY KEY,
  voucher_id uuid NOT NULL REFERENCES vouchers (id),
  event_type text NOT NULL,
  station_id text,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_events_voucher_idx ON voucher_events (voucher_id, created_at);

CREATE TABLE payments (
  id bigserial PRIMARY KEY,
  order_id bigint REFERENCES orders (id),
  idempotency_key text,
  provider text NOT NULL DEFAULT 'stripe',
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  amount_cents integer NOT NULL,
  error_code text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_created_at_idx ON payments (created_at);

-- The shape of pg_cron's catalog (Supabase Cron), so the cron runbook's SQL runs on the demo.
CREATE SCHEMA IF NOT EXISTS cron;
CREATE TABLE IF NOT EXISTS cron.job (
  jobid bigserial PRIMARY KEY,
  schedule text NOT NULL,
  command text NOT NULL,
  jobname text,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS cron.job_run_details (
  runid bigserial PRIMARY KEY,
  jobid bigint,
  command text,
  status text,
  return_message text,
  start_time timestamptz,
  end_time timestamptz
);

-- The shape of Supabase's auth schema tables the authentication runbook reads.
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text,
  last_sign_in_at timestamptz,
  banned_until timestamptz
);
CREATE TABLE IF NOT EXISTS auth.audit_log_entries (
  instance_id uuid,
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payload json,
  created_at timestamptz DEFAULT now(),
  ip_address varchar(64) NOT NULL DEFAULT ''
);
