import {createStore, type StoreApi} from 'zustand/vanilla';
import {type AlertsSlice, createAlertsSlice} from './slices/alerts-slice';
import {type ClockSlice, createClockSlice} from './slices/clock-slice';
import {createDatabaseSlice, type DatabaseSlice} from './slices/database-slice';
import {createHistorySlice, type HistorySlice} from './slices/history-slice';
import {createIncidentSlice, type IncidentSlice} from './slices/incident-slice';
import {createProbesSlice, type ProbesSlice} from './slices/probes-slice';
import {createRunbookSlice, type RunbookSlice} from './slices/runbook-slice';
import {createShareSlice, type ShareSlice} from './slices/share-slice';
import {createUiSlice, type UiSlice} from './slices/ui-slice';

/** Everything the panes show; the share server and tests read the same store. */
export type CockpitState = ProbesSlice &
  HistorySlice &
  AlertsSlice &
  DatabaseSlice &
  IncidentSlice &
  RunbookSlice &
  UiSlice &
  ShareSlice &
  ClockSlice;

export type CockpitStore = StoreApi<CockpitState>;

/** Options for a new store; every host, viewer and test makes its own. */
export type CockpitStoreOptions = {
  databaseLabel: string;
  focusedPaneId?: string;
  readOnly?: boolean;
  refreshSeconds?: number;
};

/** Creates a cockpit store: one per running cockpit, viewer or test. */
export function createCockpitStore(options: CockpitStoreOptions): CockpitStore {
  return createStore<CockpitState>()((...parts) => ({
    ...createProbesSlice(...parts),
    ...createHistorySlice(...parts),
    ...createAlertsSlice(...parts),
    ...createDatabaseSlice(options.databaseLabel)(...parts),
    ...createIncidentSlice(...parts),
    ...createRunbookSlice(...parts),
    ...createUiSlice({
      focusedPaneId: options.focusedPaneId ?? 'connections',
      readOnly: options.readOnly ?? false,
      refreshSeconds: options.refreshSeconds,
    })(...parts),
    ...createShareSlice(...parts),
    ...createClockSlice(...parts),
  }));
}
