import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

/** An alert currently raised by a rule. */
export type Alert = {
  ruleId: string;
  level: 'warning' | 'critical';
  title: string;
  detail: string;
  since: number;
};

export type AlertsSlice = {
  alerts: Alert[];
  setAlerts: (alerts: Alert[]) => void;
};

export const createAlertsSlice: StateCreator<CockpitState, [], [], AlertsSlice> = (set) => ({
  alerts: [],
  setAlerts: (alerts) => set({alerts}),
});
