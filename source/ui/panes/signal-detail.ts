import type {SignalSettings} from '../../signals/signal-settings';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {bucketSamples, sparkline} from '../widgets/sparkline';
import type {SignalReading} from './signal-rows';

const clean = (text: string, maxLength = 200) => sanitizeTerminalText(text, {maxLength});

/** The minutes the pane's sparkline covers, one bar a minute. */
export const signalTrendMinutes = 15;

/**
 * A URL as it may be shown: scheme, host and path. User info, the query string and the
 * fragment often carry tokens, so they are left out (and said to be).
 */
export function urlLabel(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.username || parsed.password || parsed.search || parsed.hash;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${hidden ? ' (credentials and query not shown)' : ''}`;
  } catch {
    return '(a URL that does not parse)';
  }
}

function withUnit(value: number, signal: SignalSettings): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return `${shown}${signal.unit ? ` ${clean(signal.unit, 12)}` : ''}${signal.rate ? '/min' : ''}`;
}

/** The thresholds as the alert rule applies them, hysteresis included. */
function thresholdLines(signal: SignalSettings): string[] {
  const above = signal.direction === 'above';
  const reached = above ? '≥' : '≤';
  return [
    `Warning:   ${reached} ${withUnit(signal.warn, signal)}`,
    `Critical:  ${signal.critical === undefined ? 'none' : `${reached} ${withUnit(signal.critical, signal)}`}`,
    `Clears:    ${above ? 'below' : 'above'} ${withUnit(signal.clear, signal)} (hysteresis, so a value at the limit does not flap)`,
  ];
}

function sourceLines(signal: SignalSettings, width: number): string[] {
  if (signal.source.kind === 'sql')
    return [
      'Source:    SQL, read-only, every refresh of the signal',
      ...clean(signal.source.sql, 4000)
        .split(/\s*\n\s*/)
        .flatMap((line) => wrap(line, Math.max(20, width - 4)))
        .map((line) => `  ${line}`),
    ];
  const {url, path, values, headers, timeoutMs} = signal.source;
  const headerNames = Object.keys(headers);
  const mapped = Object.entries(values);
  return [
    `Source:    HTTP GET ${clean(urlLabel(url))}`,
    `JSON path: ${clean(path, 120)}`,
    ...(mapped.length > 0
      ? [`Values:    ${mapped.map(([text, value]) => `${clean(text, 30)} = ${value}`).join(', ')}`]
      : []),
    ...(headerNames.length > 0
      ? [
          `Headers:   ${headerNames.map((name) => clean(name, 40)).join(', ')} (from the environment; values never shown)`,
        ]
      : []),
    `Timeout:   ${timeoutMs} ms`,
  ];
}

function wrap(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

/**
 * Everything about one signal an on-call engineer asks for: where its number comes from (the
 * query, or the URL without credentials — never header values), the current value and state,
 * thresholds with hysteresis, rate, last error, the sparkline's window and the suggested runbook.
 */
export function signalDetailLines(
  signal: SignalSettings,
  reading: SignalReading,
  width: number,
): string[] {
  const {snapshot, error, samples, alert, rate} = reading;
  const current = signal.rate ? rate : (snapshot?.value ?? undefined);
  const state = error ? 'failing' : alert ? alert.level : current === undefined ? 'waiting' : 'ok';
  const labels = snapshot?.labels ?? [];
  const buckets = bucketSamples(samples, 60_000);
  const values = samples.map((sample) => sample.value);
  return [
    `Name:      ${clean(signal.name, 80)} (alert rule ${clean(signal.id, 90)})`,
    ...sourceLines(signal, width),
    '',
    `Value:     ${current === undefined ? '–' : withUnit(current, signal)}  state: ${state}`,
    ...(labels.length > 0
      ? [
          `Labels:    ${labels.length} (the ${signal.direction === 'above' ? 'highest' : 'lowest'} is the value)`,
          ...labels.slice(0, 20).map((item) => `  ${clean(item.label, 60)}: ${item.value}`),
          ...(labels.length > 20 ? [`  … ${labels.length - 20} more`] : []),
        ]
      : []),
    ...thresholdLines(signal),
    `Rate:      ${signal.rate ? 'alerts on the change per minute, from the last two samples' : 'off (alerts on the value)'}`,
    `Refresh:   every ${Math.round(signal.intervalMs / 1000)} s`,
    `Last error: ${error ? clean(error, 400) : 'none'}`,
    '',
    `Trend:     last ${signalTrendMinutes} min, one bar a minute: ${sparkline(buckets, signalTrendMinutes)}`,
    ...(values.length > 0
      ? [
          `           ${samples.length} sample(s), min ${withUnit(Math.min(...values), signal)}, max ${withUnit(Math.max(...values), signal)}`,
        ]
      : ['           no samples yet']),
    `Runbook:   ${signal.runbook ? `${clean(signal.runbook, 80)} (b opens it in the navigator)` : 'none suggested (signals[].runbook)'}`,
  ];
}
