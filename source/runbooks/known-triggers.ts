/**
 * Alert rule ids a runbook's `triggers:` may name. `cockpit runbooks lint` reports any other id
 * as an error. Keep in step with `allAlertRules()` as rules land (a test checks every rule id
 * that exists is listed here).
 */
export const knownTriggerIds: readonly string[] = [
  'connection-saturation',
  'idle-in-transaction',
  'long-running-query',
  'blocked-sessions',
  'dlq-growth',
  'email-failure-rate',
  'campaign-stalled',
  'function-down',
  'function-rate-limited',
  'database-unreachable',
  // Signals the library's runbooks expect a product to configure under these names (see the
  // README's signals section); a configured signal's own id is accepted too.
  'signal:failed-logins',
  'signal:cron-failures',
  'signal:duplicate-redemptions',
  'signal:payment-failures',
  'signal:reservation-drift',
];
