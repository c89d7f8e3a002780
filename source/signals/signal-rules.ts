import type {AlertRule} from '../alerts/alert-rule';
import type {MetricName} from '../probes/metric-series';
import type {CockpitState} from '../store/cockpit-store';
import type {SignalSnapshot} from './signal-probe';
import type {SignalSettings} from './signal-settings';

/** Change per minute between the last two samples of a series; undefined before two exist. */
export function ratePerMinute(
  state: Pick<CockpitState, 'history'>,
  series: string,
): number | undefined {
  // Signal ids are configured at run time; each is its own series, named `signal:NAME`.
  const samples = state.history[series as MetricName] ?? [];
  const last = samples[samples.length - 1];
  const previous = samples[samples.length - 2];
  if (!last || !previous || last.at <= previous.at) return undefined;
  return (last.value - previous.value) / ((last.at - previous.at) / 60_000);
}

/** What a signal's alert measures: its value, or its rate per minute. */
export function measuredValue(state: CockpitState, signal: SignalSettings): number | undefined {
  if (signal.rate) return ratePerMinute(state, signal.id);
  const snapshot = (state.probes as Record<string, {data?: unknown} | undefined>)[signal.id]
    ?.data as SignalSnapshot | undefined;
  return snapshot?.value ?? undefined;
}

function format(value: number, signal: SignalSettings): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return `${shown}${signal.unit ? ` ${signal.unit}` : ''}${signal.rate ? '/min' : ''}`;
}

/**
 * A signal's alert rule, id `signal:NAME`. Thresholds with hysteresis; a `below` signal is
 * measured negated, so the same rule evaluation raises it when the value falls.
 */
export function signalRule(signal: SignalSettings): AlertRule {
  const sign = signal.direction === 'below' ? -1 : 1;
  return {
    id: signal.id,
    title: signal.title,
    measure: (state) => {
      const value = measuredValue(state, signal);
      return value === undefined ? undefined : sign * value;
    },
    raiseAt: sign * signal.warn,
    clearAt: sign * signal.clear,
    criticalAt: signal.critical === undefined ? undefined : sign * signal.critical,
    describe: (measured) =>
      `${signal.title} at ${format(sign * measured, signal)} (warn ${signal.direction === 'below' ? '≤' : '≥'} ${format(signal.warn, signal)})`,
  };
}
