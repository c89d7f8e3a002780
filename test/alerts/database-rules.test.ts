import {describe, expect, it} from 'vitest';
import {evaluateAlerts} from '../../source/alerts/alert-rule';
import {databaseRules} from '../../source/alerts/database-rules';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {connectionsSnapshot, locksSnapshot, session} from '../ui/panes/recorded-snapshots';

function evaluateWith(
  connections: unknown,
  locks: unknown,
  store = createCockpitStore({databaseLabel: 'x'}),
) {
  const outcome = (data: unknown) => ({
    ok: true as const,
    data,
    startedAt: 0,
    fetchedAt: 0,
    durationMs: 1,
  });
  store.getState().recordProbeOutcome('connections', outcome(connections));
  store.getState().recordProbeOutcome('locks', outcome(locks));
  const evaluation = evaluateAlerts(databaseRules, store.getState(), 1000);
  store.getState().setAlerts(evaluation.alerts);
  return {store, evaluation};
}

describe('database alert rules', () => {
  it('raises idle-in-transaction, long-running-query and blocked-sessions with their levels', () => {
    const {evaluation} = evaluateWith(connectionsSnapshot, locksSnapshot);
    const levels = Object.fromEntries(
      evaluation.raised.map((alert) => [alert.ruleId, alert.level]),
    );
    expect(levels).toEqual({
      'connection-saturation': 'warning',
      'idle-in-transaction': 'critical',
      'long-running-query': 'warning',
      'blocked-sessions': 'warning',
    });
    expect(evaluation.raised.find((alert) => alert.ruleId === 'blocked-sessions')?.detail).toBe(
      'a session has waited 40s for a lock',
    );
  });

  it('keeps an alert raised until the value drops below its clearing threshold', () => {
    const {store} = evaluateWith(connectionsSnapshot, locksSnapshot);
    const calmer = {
      ...connectionsSnapshot,
      idleInTransaction: [session({state: 'idle in transaction', transactionSeconds: 45})],
      longRunning: [session({durationSeconds: 90})],
    };
    const still = evaluateWith(calmer, {...locksSnapshot, longestWaitSeconds: 5}, store).evaluation;
    expect(still.cleared).toEqual([]);
    expect(still.alerts.map((alert) => alert.ruleId).sort()).toEqual([
      'blocked-sessions',
      'connection-saturation',
      'idle-in-transaction',
      'long-running-query',
    ]);
    const calm = {...calmer, idleInTransaction: [], longRunning: []};
    const cleared = evaluateWith(
      calm,
      {...locksSnapshot, waiting: 0, chains: [], edges: []},
      store,
    );
    expect(cleared.evaluation.cleared.map((alert) => alert.ruleId).sort()).toEqual([
      'blocked-sessions',
      'idle-in-transaction',
      'long-running-query',
    ]);
    // A cleared alert says what is true now, not "a query has run for 0ms".
    const detailOf = (id: string) =>
      cleared.evaluation.cleared.find((alert) => alert.ruleId === id)?.detail;
    expect(detailOf('long-running-query')).toBe('no query has run longer than 1m00s');
    expect(detailOf('idle-in-transaction')).toBe('no transaction has sat idle longer than 30s');
    expect(detailOf('blocked-sessions')).toBe('no session waits for a lock');
  });
});
