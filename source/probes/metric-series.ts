/** How a sample series reads in the report and on screen. */
export type SeriesDescription = {label: string; unit: string};

/**
 * Every sample series the probes record, with a label and a unit. Probes may only record names
 * declared here (see {@link MetricName}), and the report and alert rules read them by the same
 * names, so a renamed series fails to compile instead of silently reading "not measured".
 */
export const metricSeries = {
  'connections.total': {label: 'Connections in use', unit: 'connections'},
  'connections.active': {label: 'Active connections', unit: 'connections'},
  'connections.idleInTransaction': {label: 'Sessions idle in transaction', unit: 'sessions'},
  'locks.waiting': {label: 'Sessions waiting on a lock', unit: 'sessions'},
  'dlq.depth': {label: 'Dead letters queued', unit: 'messages'},
  'dlq.arrivalsPerMinute': {label: 'Dead letters arriving', unit: 'messages a minute'},
  'email.failedLast15Minutes': {label: 'Emails failed in the last 15 minutes', unit: 'emails'},
  'campaigns.throughputPerMinute': {label: 'Campaign sends', unit: 'messages a minute'},
} as const satisfies Record<string, SeriesDescription>;

/** Per-integration latency: one series per configured check, named after it. */
const integrationLatencyPrefix = 'integrations.latencyMs.';

/** A series name with a fixed meaning. */
export type FixedMetricName = keyof typeof metricSeries;

/** Any series a probe may record. */
export type MetricName = FixedMetricName | `${typeof integrationLatencyPrefix}${string}`;

/** Values of one probe run, by series. */
export type MetricSamples = Partial<Record<MetricName, number>>;

/** The series name of an integration's latency. */
export function integrationLatencySeries(integration: string): MetricName {
  return `${integrationLatencyPrefix}${integration}`;
}

/**
 * Label and unit of a series by name. Names a journal written by another version may hold that
 * this one does not declare are shown as they are, so nothing recorded is hidden.
 */
export function describeSeries(name: string): SeriesDescription {
  if (Object.hasOwn(metricSeries, name)) return metricSeries[name as FixedMetricName];
  if (name.startsWith(integrationLatencyPrefix))
    return {label: `Response time of ${name.slice(integrationLatencyPrefix.length)}`, unit: 'ms'};
  return {label: name, unit: 'value'};
}
