import type {ConnectionsSnapshot} from '../probes/connections/connections-probe';
import type {AlertRule} from './alert-rule';

/** Thresholds of connection saturation, shared by the alert and the colour of the connections bar. */
export const connectionSaturation = {warn: 0.7, critical: 0.9, clear: 0.65};

/** Connections in use against the usable limit (max_connections minus reserved slots). */
export const connectionSaturationRule: AlertRule = {
  id: 'connection-saturation',
  title: 'Connections near the limit',
  measure: (state) => {
    const snapshot = state.probes.connections?.data as ConnectionsSnapshot | undefined;
    if (!snapshot) return undefined;
    return snapshot.total / Math.max(1, snapshot.max - snapshot.reserved);
  },
  raiseAt: connectionSaturation.warn,
  clearAt: connectionSaturation.clear,
  criticalAt: connectionSaturation.critical,
  describe: (ratio) => `${Math.round(ratio * 100)}% of usable connections in use`,
};

/** The database rules. */
export const databaseRules: readonly AlertRule[] = [connectionSaturationRule];
