import {formatTimestamp} from '../incidents/time-zone';
import type {FixedMetricName} from '../probes/metric-series';
import {inlineText, tableRow} from './markdown-text';
import type {ReportModel} from './report-model';

/**
 * The series the report names, as probes push them into the store's history (and the metrics
 * recorder journals their peaks once a minute). Other series are listed after these by name.
 */
export const keyMetricSeries: ReadonlyArray<[series: FixedMetricName, label: string]> = [
  ['connections.total', 'Peak connections'],
  ['locks.waiting', 'Most sessions blocked'],
  ['dlq.depth', 'Dead-letter peak'],
  ['email.failedLast15Minutes', 'Email failures (peak)'],
];

/** The key-metrics section: peaks from the journal's `metrics` events. */
export function keyMetricLines(model: ReportModel): string[] {
  const named = new Set<string>(keyMetricSeries.map(([series]) => series));
  const others = Object.keys(model.metrics)
    .filter((series) => !named.has(series))
    .sort()
    .map((series) => [series, `Peak ${series}`] as const);
  return [
    '## Key metrics',
    '',
    tableRow(['Metric', 'Peak', 'At (UTC)']),
    tableRow(['---', '---:', '---']),
    ...[...keyMetricSeries, ...others].map(([series, label]) => {
      const peak = model.metrics[series];
      return tableRow([
        inlineText(label),
        peak ? String(peak.peak) : 'not measured',
        peak ? formatTimestamp(peak.at) : '–',
      ]);
    }),
    '',
    'Peaks of the samples the cockpit journaled once a minute while the incident was open.',
    '',
  ];
}
