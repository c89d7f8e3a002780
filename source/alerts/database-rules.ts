import type {CockpitState} from '../store/cockpit-store';
import {formatDuration} from '../text/format';
import type {AlertRule} from './alert-rule';

/** Thresholds of connection saturation, shared by the alert and the colour of the connections bar. */
export const connectionSaturation = {warn: 0.7, critical: 0.9, clear: 0.65};

const connectionsOf = (state: CockpitState) => state.probes.connections?.data;
const locksOf = (state: CockpitState) => state.probes.locks?.data;

/** Connections in use against the usable limit (max_connections minus reserved slots). */
export const connectionSaturationRule: AlertRule = {
  id: 'connection-saturation',
  title: 'Connections near the limit',
  measure: (state) => {
    const snapshot = connectionsOf(state);
    if (!snapshot) return undefined;
    // Every backend counts against the limit, the cockpit's own too.
    return (snapshot.backends ?? snapshot.total) / Math.max(1, snapshot.max - snapshot.reserved);
  },
  raiseAt: connectionSaturation.warn,
  clearAt: connectionSaturation.clear,
  criticalAt: connectionSaturation.critical,
  describe: (ratio) => `${Math.round(ratio * 100)}% of usable connections in use`,
  describeCleared: (ratio) =>
    `${Math.round(ratio * 100)}% of usable connections in use, under ${Math.round(connectionSaturation.clear * 100)}%`,
};

/**
 * The oldest idle-in-transaction session's transaction age. Such a session holds its locks and
 * keeps vacuum from cleaning up; a minute is already unusual for a web application.
 */
export const idleInTransactionRule: AlertRule = {
  id: 'idle-in-transaction',
  title: 'Session idle in transaction',
  measure: (state) => {
    const snapshot = connectionsOf(state);
    if (!snapshot) return undefined;
    return Math.max(0, ...snapshot.idleInTransaction.map((s) => s.transactionSeconds ?? 0));
  },
  raiseAt: 60,
  clearAt: 30,
  criticalAt: 300,
  describe: (seconds) => `a transaction has sat idle for ${formatDuration(seconds)}`,
  describeCleared: (_seconds, rule) =>
    `no transaction has sat idle longer than ${formatDuration(rule.clearAt)}`,
};

/** The longest-running active query. */
export const longRunningQueryRule: AlertRule = {
  id: 'long-running-query',
  title: 'Long-running query',
  measure: (state) => {
    const snapshot = connectionsOf(state);
    if (!snapshot) return undefined;
    return Math.max(0, ...snapshot.longRunning.map((s) => s.durationSeconds ?? 0));
  },
  raiseAt: 120,
  clearAt: 60,
  criticalAt: 900,
  describe: (seconds) => `a query has run for ${formatDuration(seconds)}`,
  describeCleared: (_seconds, rule) =>
    `no query has run longer than ${formatDuration(rule.clearAt)}`,
};

/** The longest lock wait: short waits are normal, sessions queued for many seconds are not. */
export const blockedSessionsRule: AlertRule = {
  id: 'blocked-sessions',
  title: 'Sessions blocked on locks',
  measure: (state) => {
    const snapshot = locksOf(state);
    if (!snapshot) return undefined;
    return snapshot.waiting > 0 ? snapshot.longestWaitSeconds : 0;
  },
  raiseAt: 10,
  clearAt: 3,
  criticalAt: 60,
  describe: (seconds) =>
    seconds > 0 ? `a session has waited ${formatDuration(seconds)} for a lock` : 'no lock waits',
  describeCleared: (seconds, rule) =>
    seconds > 0
      ? `no session has waited ${formatDuration(rule.clearAt)} or more for a lock`
      : 'no session waits for a lock',
};

/** The database rules. */
export const databaseRules: readonly AlertRule[] = [
  connectionSaturationRule,
  idleInTransactionRule,
  longRunningQueryRule,
  blockedSessionsRule,
];
