import type {CockpitState} from '../store/cockpit-store';
import type {Alert} from '../store/slices/alerts-slice';

/** A threshold rule with hysteresis: raised at `raiseAt`, cleared only below `clearAt`. */
export type AlertRule = {
  id: string;
  title: string;
  /** The measured value, or undefined when the data it needs is missing (the state is kept). */
  measure: (state: CockpitState) => number | undefined;
  raiseAt: number;
  clearAt: number;
  /** At or above this value the alert is critical rather than a warning. */
  criticalAt?: number;
  describe: (value: number) => string;
  /** How the value reads once the alert clears ("no query has run longer than 1m"). */
  describeCleared?: (value: number, rule: AlertRule) => string;
};

/** The alerts after one evaluation, and which changed state (each change goes to the timeline). */
export type AlertEvaluation = {
  alerts: Alert[];
  raised: Alert[];
  cleared: Alert[];
  /** Still raised, but now at another level (warning ↔ critical). */
  levelChanged: Alert[];
};

/** Evaluates every rule against the state, keeping alerts whose data is momentarily missing. */
export function evaluateAlerts(
  rules: readonly AlertRule[],
  state: CockpitState,
  now: number,
): AlertEvaluation {
  const alerts: Alert[] = [];
  const raised: Alert[] = [];
  const cleared: Alert[] = [];
  const levelChanged: Alert[] = [];
  for (const rule of rules) {
    const previous = state.alerts.find((alert) => alert.ruleId === rule.id);
    const value = rule.measure(state);
    if (value === undefined) {
      if (previous) alerts.push(previous);
      continue;
    }
    const active = previous ? value >= rule.clearAt : value >= rule.raiseAt;
    if (!active) {
      if (previous)
        cleared.push({
          ...previous,
          detail: rule.describeCleared ? rule.describeCleared(value, rule) : rule.describe(value),
        });
      continue;
    }
    const level =
      rule.criticalAt !== undefined && value >= rule.criticalAt ? 'critical' : 'warning';
    const alert = {
      ruleId: rule.id,
      level,
      title: rule.title,
      detail: rule.describe(value),
      since: previous?.since ?? now,
    } as const;
    alerts.push(alert);
    if (!previous) raised.push(alert);
    else if (previous.level !== level) levelChanged.push(alert);
  }
  return {alerts, raised, cleared, levelChanged};
}
