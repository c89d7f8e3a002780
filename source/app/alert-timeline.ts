import type {AlertEvaluation} from '../alerts/alert-rule';
import {formatDuration} from '../text/format';
import type {TimelineSink} from '../timeline/timeline-sink';

/**
 * Puts an evaluation's changes on the timeline: alerts raised, escalated or de-escalated, and
 * cleared (with how long they lasted). `target` names the database, never with credentials.
 */
export function recordAlertChanges(
  timeline: TimelineSink,
  evaluation: AlertEvaluation,
  now: number,
  target: string,
): void {
  for (const alert of evaluation.raised) {
    void timeline.record({
      kind: 'alert.raised',
      text: `${alert.level}: ${alert.title} — ${alert.detail}`,
      data: {ruleId: alert.ruleId, level: alert.level, target},
    });
  }
  for (const alert of evaluation.levelChanged) {
    const kind = alert.level === 'critical' ? 'alert.escalated' : 'alert.deescalated';
    void timeline.record({
      kind,
      text: `now ${alert.level}: ${alert.title} — ${alert.detail}`,
      data: {ruleId: alert.ruleId, level: alert.level, target},
    });
  }
  for (const alert of evaluation.cleared) {
    const lasted = formatDuration((now - alert.since) / 1000);
    void timeline.record({
      kind: 'alert.cleared',
      text: `cleared after ${lasted}: ${alert.title} — ${alert.detail}`,
      data: {ruleId: alert.ruleId, target},
    });
  }
}
