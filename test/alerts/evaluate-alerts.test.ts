import {describe, expect, it} from 'vitest';
import {type AlertRule, evaluateAlerts} from '../../source/alerts/alert-rule';
import {createCockpitStore} from '../../source/store/cockpit-store';

const rule: AlertRule = {
  id: 'saturation',
  title: 'Saturation',
  measure: (state) => state.history['locks.waiting']?.at(-1)?.value,
  raiseAt: 0.7,
  clearAt: 0.6,
  criticalAt: 0.9,
  describe: (value) => `${value}`,
};

function stateWith(
  value: number | undefined,
  alerts = createCockpitStore({databaseLabel: 'x'}).getState().alerts,
) {
  const store = createCockpitStore({databaseLabel: 'x'});
  if (value !== undefined) store.getState().pushSamples(0, {'locks.waiting': value});
  store.getState().setAlerts(alerts);
  return store.getState();
}

describe('evaluateAlerts', () => {
  it('raises at the threshold, escalates to critical, and clears only below the lower threshold', () => {
    const raised = evaluateAlerts([rule], stateWith(0.75), 1000);
    expect(raised.raised).toHaveLength(1);
    expect(raised.alerts[0]).toMatchObject({level: 'warning', since: 1000});
    const critical = evaluateAlerts([rule], stateWith(0.95, raised.alerts), 2000);
    expect(critical.alerts[0]).toMatchObject({level: 'critical', since: 1000});
    expect(critical.raised).toHaveLength(0);
    expect(critical.levelChanged).toEqual([
      expect.objectContaining({ruleId: 'saturation', level: 'critical'}),
    ]);
    const held = evaluateAlerts([rule], stateWith(0.65, critical.alerts), 3000);
    expect(held.alerts).toHaveLength(1);
    expect(held.cleared).toHaveLength(0);
    const cleared = evaluateAlerts([rule], stateWith(0.5, held.alerts), 4000);
    expect(cleared.alerts).toHaveLength(0);
    expect(cleared.cleared[0]).toMatchObject({ruleId: 'saturation', since: 1000});
  });

  it('keeps an alert while its data is missing (a failing probe is not a recovery)', () => {
    const raised = evaluateAlerts([rule], stateWith(0.8), 1000);
    const missing = evaluateAlerts([rule], stateWith(undefined, raised.alerts), 2000);
    expect(missing.alerts).toEqual(raised.alerts);
    expect(missing.cleared).toHaveLength(0);
  });
});
