import {formatTimestamp} from '../incidents/time-zone';
import {describeSeries, type FixedMetricName} from '../probes/metric-series';
import {inlineText, tableRow} from './markdown-text';
import type {ReportModel} from './report-model';

/**
 * The series the report always names, first and in this order, as probes record them (the
 * metrics recorder journals their peaks once a minute). Other recorded series follow by name.
 * Typed by the declared series, so a name no probe records does not compile.
 */
export const keyMetricSeries: readonly FixedMetricName[] = [
  'connections.total',
  'locks.waiting',
  'dlq.depth',
  'email.failedLast15Minutes',
];

const formatValue = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);

/** The key-metrics section: peaks from the journal's `metrics` events, labelled with units. */
export function keyMetricLines(model: ReportModel): string[] {
  const named = new Set<string>(keyMetricSeries);
  const others = Object.keys(model.metrics)
    .filter((series) => !named.has(series))
    .sort();
  return [
    '## Key metrics',
    '',
    tableRow(['Metric', 'Peak', 'At (UTC)']),
    tableRow(['---', '---:', '---']),
    ...[...keyMetricSeries, ...others].map((series) => {
      const {label, unit} = describeSeries(series);
      const peak = model.metrics[series];
      return tableRow([
        inlineText(label),
        peak ? inlineText(`${formatValue(peak.peak)} ${unit}`) : 'not measured',
        peak ? formatTimestamp(peak.at) : '–',
      ]);
    }),
    '',
    'Peaks of the samples the cockpit journaled once a minute while the incident was open.',
    '',
  ];
}
