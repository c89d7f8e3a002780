import type {AlertRule} from './alert-rule';

/**
 * The lifeline down for longer than `afterSeconds`: the whole product is likely down with it.
 * Measured in seconds since the connection was lost; 0 once connected again.
 */
export function databaseUnreachableRule(
  afterSeconds: number,
  now: () => number = Date.now,
): AlertRule {
  return {
    id: 'database-unreachable',
    title: 'Database unreachable',
    measure: (state) => {
      const status = state.database.status;
      if (status.kind === 'connected') return 0;
      if (status.kind === 'reconnecting') return (now() - status.downSince) / 1000;
      return undefined;
    },
    raiseAt: afterSeconds,
    clearAt: 1,
    criticalAt: afterSeconds * 4,
    describe: (seconds) =>
      seconds < 1
        ? 'the database answers again'
        : `no connection to the database for ${Math.round(seconds)} s`,
  };
}
