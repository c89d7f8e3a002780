import type {MetricName} from '../../probes/metric-series';
import type {SignalSnapshot} from '../../signals/signal-probe';
import type {SignalSettings} from '../../signals/signal-settings';
import type {Alert} from '../../store/slices/alerts-slice';
import type {Sample} from '../../store/slices/history-slice';
import type {ProbeState, ProbeStates} from '../../store/slices/probes-slice';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {TableRow} from '../widgets/DataTable';
import type {Column} from '../widgets/data-table-layout';
import {bucketSamples, sparkline} from '../widgets/sparkline';

/** Columns of the Signals pane. */
export const signalColumns: readonly Column[] = [
  {key: 'name', title: 'Signal', width: 18},
  {key: 'trend', title: 'Last 15 min', width: 15, priority: 1},
  {key: 'value', title: 'Value', width: 14, align: 'right'},
  {key: 'state', title: 'State', width: 10},
  {key: 'detail', title: 'Worst / error', width: 16, grow: true, priority: 2},
];

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** What the pane needs per signal from the store. */
export type SignalReading = {
  snapshot: SignalSnapshot | undefined;
  error: string | undefined;
  samples: readonly Sample[];
  alert: Alert | undefined;
  rate: number | undefined;
};

/** One row per configured signal: sparkline, value (or rate), alert state, worst label or error. */
export function signalRows(
  signals: readonly SignalSettings[],
  readingOf: (signal: SignalSettings) => SignalReading,
): TableRow[] {
  return signals.map((signal) => {
    const {snapshot, error, samples, alert, rate} = readingOf(signal);
    const unit = signal.unit ? ` ${signal.unit}` : '';
    const shown = signal.rate ? rate : (snapshot?.value ?? undefined);
    const value =
      shown === undefined
        ? '–'
        : `${formatNumber(shown)}${sanitizeTerminalText(unit, {maxLength: 12})}${signal.rate ? '/min' : ''}`;
    const state = error ? 'failing' : alert ? alert.level : shown === undefined ? 'waiting' : 'ok';
    const worst = snapshot?.labels.length
      ? snapshot.labels.reduce((best, item) =>
          (signal.direction === 'above' ? item.value > best.value : item.value < best.value)
            ? item
            : best,
        )
      : undefined;
    return {
      id: signal.id,
      tone:
        error || alert?.level === 'critical'
          ? 'status.critical'
          : alert
            ? 'status.warn'
            : undefined,
      cells: {
        name: sanitizeTerminalText(signal.title, {maxLength: 60}),
        trend: sparkline(bucketSamples(samples, 60_000), 15),
        value,
        state,
        detail: error
          ? sanitizeTerminalText(error, {maxLength: 200})
          : worst
            ? `${sanitizeTerminalText(worst.label, {maxLength: 60})}: ${formatNumber(worst.value)}`
            : '',
      },
    };
  });
}

/** The reading of a signal from the store's probes, history and alerts. */
export function readingFromState(
  state: {probes: ProbeStates; history: Partial<Record<MetricName, Sample[]>>; alerts: Alert[]},
  signal: SignalSettings,
  rate: number | undefined,
): SignalReading {
  // Signal ids (`signal:NAME`) are configured at run time, outside the registry's fixed ids.
  const probe = (state.probes as Record<string, ProbeState | undefined>)[signal.id];
  return {
    snapshot: probe?.data as SignalSnapshot | undefined,
    error: probe?.error,
    samples: state.history[signal.id as MetricName] ?? [],
    alert: state.alerts.find((alert) => alert.ruleId === signal.id),
    rate,
  };
}
