import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

/** Which runbook is open and where the operator is in it. */
export type RunbookSlice = {
  runbook: {openRunbookId: string | undefined; currentStep: number};
  openRunbook: (runbookId: string | undefined) => void;
};

export const createRunbookSlice: StateCreator<CockpitState, [], [], RunbookSlice> = (set) => ({
  runbook: {openRunbookId: undefined, currentStep: 0},
  openRunbook: (openRunbookId) => set({runbook: {openRunbookId, currentStep: 0}}),
});
