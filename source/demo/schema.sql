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
