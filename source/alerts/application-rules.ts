import type {ApplicationSettings} from '../config/application-settings';
import type {CockpitState} from '../store/cockpit-store';
import type {AlertRule} from './alert-rule';

/**
 * Growth of the dead-letter queue per minute over the last five minutes of depth samples.
 * Undefined until a minute of history exists, so a cockpit just started neither raises nor clears.
 */
export function deadLetterGrowthPerMinute(state: CockpitState, now: number): number | undefined {
  const samples = (state.history['dlq.depth'] ?? []).filter(
    (sample) => sample.at >= now - 5 * 60_000,
  );
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at - first.at < 60_000) return undefined;
  return (last.value - first.value) / ((last.at - first.at) / 60_000);
}

/** The rules the application panes feed, with thresholds from the config. */
export function applicationRules(
  settings: ApplicationSettings['alerts'],
  now: () => number = Date.now,
): AlertRule[] {
  const {dlqGrowthPerMinute, emailFailureRate} = settings;
  return [
    {
      id: 'dlq-growth',
      title: 'Dead-letter queue growing',
      measure: (state) => deadLetterGrowthPerMinute(state, now()),
      raiseAt: dlqGrowthPerMinute.raise,
      clearAt: dlqGrowthPerMinute.clear,
      criticalAt: dlqGrowthPerMinute.critical,
      describe: (value) => `dead letters growing by ${value.toFixed(1)} a minute`,
      describeCleared: (value) =>
        value > 0
          ? `dead letters growing by ${value.toFixed(1)} a minute, under ${dlqGrowthPerMinute.clear}`
          : 'the dead-letter queue is not growing',
    },
    {
      id: 'email-failure-rate',
      title: 'Emails failing',
      measure: (state) => {
        const snapshot = state.probes.email?.data;
        if (!snapshot?.available) return undefined;
        // A handful of failures on a quiet system is not an incident, whatever the ratio.
        return snapshot.failedLast15Minutes < settings.emailMinimumFailures
          ? 0
          : snapshot.failureRate;
      },
      raiseAt: emailFailureRate.raise,
      clearAt: emailFailureRate.clear,
      criticalAt: emailFailureRate.critical,
      describe: (value) => `${Math.round(value * 100)}% of emails failed in the last 15 minutes`,
      describeCleared: (value) =>
        `${Math.round(value * 100)}% of emails failed in the last 15 minutes, under ${Math.round(emailFailureRate.clear * 100)}%`,
    },
    {
      id: 'campaign-stalled',
      title: 'Campaign stalled',
      measure: (state) => {
        const snapshot = state.probes.campaigns?.data;
        if (!snapshot?.available) return undefined;
        return snapshot.campaigns.filter((campaign) => campaign.stalled).length;
      },
      raiseAt: 1,
      clearAt: 1,
      criticalAt: 2,
      describe: (count) =>
        count === 0
          ? 'every running campaign advances'
          : `${count} running campaign(s) not advancing`,
    },
    {
      id: 'function-down',
      title: 'Integration down',
      measure: (state) => {
        const snapshot = state.probes.integrations?.data;
        if (!snapshot?.available) return undefined;
        return snapshot.integrations.filter(
          (entry) =>
            entry.status === 'down' &&
            entry.consecutiveFailures >= settings.functionDownAfterChecks,
        ).length;
      },
      raiseAt: 1,
      clearAt: 1,
      criticalAt: 1,
      describe: (count) =>
        count === 0 ? 'every integration answers' : `${count} integration(s) down`,
    },
    {
      id: 'function-rate-limited',
      title: 'Integration rate limited',
      measure: (state) => {
        const snapshot = state.probes.integrations?.data;
        if (!snapshot?.available) return undefined;
        return snapshot.integrations.filter((entry) => entry.status === 'rate-limited').length;
      },
      raiseAt: 1,
      clearAt: 1,
      describe: (count) =>
        count === 0 ? 'no integration rate limited' : `${count} integration(s) answering 429`,
    },
  ];
}
