/** Capped exponential backoff settings. */
export type BackoffPolicy = {initialMs: number; maxMs: number};

/**
 * Delay before reconnect attempt `attempt` (1-based): doubling from `initialMs`, capped at
 * `maxMs`, with "equal jitter" so a fleet of cockpits does not reconnect in lockstep.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
