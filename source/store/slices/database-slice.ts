import type {StateCreator} from 'zustand';
import type {LifelineStatus} from '../../sources/postgres-lifeline';
import type {CockpitState} from '../cockpit-store';

export type DatabaseSlice = {
  database: {label: string; status: LifelineStatus};
  setDatabaseStatus: (status: LifelineStatus) => void;
};

export const createDatabaseSlice =
  (label: string): StateCreator<CockpitState, [], [], DatabaseSlice> =>
  (set) => ({
    database: {label, status: {kind: 'connecting', attempt: 1}},
    setDatabaseStatus: (status) => set((state) => ({database: {...state.database, status}})),
  });
