import {describe, expect, it} from 'vitest';
import {evaluateAlerts} from '../../source/alerts/alert-rule';
import {allAlertRules} from '../../source/alerts/all-rules';
import {applicationRules} from '../../source/alerts/application-rules';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {createCockpitStore} from '../../source/store/cockpit-store';

const start = Date.parse('2026-11-26T12:00:00Z');
let now = start;
const rules = applicationRules(resolveApplicationSettings().alerts, () => now);

function evaluate(store: ReturnType<typeof createCockpitStore>) {
  const evaluation = evaluateAlerts(rules, store.getState(), now);
  store.getState().setAlerts(evaluation.alerts);
  return evaluation;
}
const record = (store: ReturnType<typeof createCockpitStore>, probeId: string, data: unknown) =>
  store
    .getState()
    .recordProbeOutcome(probeId, {ok: true, data, startedAt: now, fetchedAt: now, durationMs: 1});

describe('application alert rules', () => {
  it('are all registered with the rule ids runbooks trigger on', () => {
    expect(allAlertRules().map((rule) => rule.id)).toEqual([
      'connection-saturation',
      'idle-in-transaction',
      'long-running-query',
      'blocked-sessions',
      'dlq-growth',
      'email-failure-rate',
      'campaign-stalled',
      'function-down',
      'function-rate-limited',
      'database-unreachable',
    ]);
  });

  it('raises dlq-growth from the depth history and clears it only below the clear threshold', () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    for (let minute = 0; minute <= 3; minute++)
      store.getState().pushSamples(start + minute * 60_000, {'dlq.depth': 100 + minute * 10});
    now = start + 3 * 60_000;
    expect(evaluate(store).raised.map((alert) => alert.ruleId)).toEqual(['dlq-growth']);
    // Growth slows to 3 a minute: above the clear threshold (1), so the alert holds.
    for (let minute = 4; minute <= 8; minute++)
      store.getState().pushSamples(start + minute * 60_000, {'dlq.depth': 130 + (minute - 3) * 3});
    now = start + 8 * 60_000;
    expect(evaluate(store).alerts.map((alert) => alert.ruleId)).toEqual(['dlq-growth']);
    for (let minute = 9; minute <= 14; minute++)
      store.getState().pushSamples(start + minute * 60_000, {'dlq.depth': 145});
    now = start + 14 * 60_000;
    expect(evaluate(store).cleared.map((alert) => alert.ruleId)).toEqual(['dlq-growth']);
  });

  it('raises email-failure-rate only past the minimum number of failures', () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    record(store, 'email', {available: true, failedLast15Minutes: 3, failureRate: 0.5});
    expect(evaluate(store).raised).toEqual([]);
    record(store, 'email', {available: true, failedLast15Minutes: 40, failureRate: 0.6});
    expect(evaluate(store).raised[0]).toMatchObject({
      ruleId: 'email-failure-rate',
      level: 'critical',
    });
  });

  it('raises campaign-stalled, function-down after repeated failures, and function-rate-limited', () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    record(store, 'campaigns', {available: true, campaigns: [{stalled: true}, {stalled: false}]});
    const health = (status: string, consecutiveFailures: number) => ({status, consecutiveFailures});
    record(store, 'integrations', {
      available: true,
      integrations: [health('down', 1), health('rate-limited', 1)],
    });
    expect(evaluate(store).raised.map((alert) => alert.ruleId)).toEqual([
      'campaign-stalled',
      'function-rate-limited',
    ]);
    record(store, 'integrations', {available: true, integrations: [health('down', 2)]});
    const second = evaluate(store);
    expect(second.raised.map((alert) => alert.ruleId)).toEqual(['function-down']);
    expect(second.cleared.map((alert) => alert.ruleId)).toEqual(['function-rate-limited']);
  });
});
