/**
 * How an application probe's snapshot appears in `cockpit probe --json`: `dlq` and `email` as
 * objects (`dlq.depth`, `email.failedLastHour`), `campaigns` and `integrations` as arrays. A
 * pane that cannot run shows `{available: false, reason}` in place of its value.
 */
export function applicationProbeJson(probeId: string, snapshot: unknown): unknown {
  const data = snapshot as {available?: boolean; campaigns?: unknown; integrations?: unknown};
  if (!data || data.available === false) return snapshot;
  if (probeId === 'campaigns') return data.campaigns;
  if (probeId === 'integrations') return data.integrations;
  return snapshot;
}
