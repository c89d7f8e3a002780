import type {StateCreator} from 'zustand';
import type {FailurePolicy} from '../../runbooks/phase-runner';
import type {Runbook, StepStatus} from '../../runbooks/runbook-model';
import {recordedStepStatuses} from '../../timeline/recorded-step-statuses';
import type {CockpitState} from '../cockpit-store';

/** The outcome of running a step, ready to show (already sanitised and bounded). */
export type StepResultView = {
  summary: string;
  tone: 'ok' | 'warn' | 'critical';
  columns: string[];
  rows: string[][];
};

export type RunbookSlice = {
  runbook: {
    library: Runbook[];
    openRunbookId: string | undefined;
    /** Index of the current step in the flattened step list. */
    cursor: number;
    statuses: Record<string, StepStatus>;
    results: Record<string, StepResultView>;
    /** The step results of runbooks opened before in this cockpit, shown again on reopening. */
    earlierResults: Record<string, Record<string, StepResultView>>;
    /** Placeholder values given for the open runbook, offered again to later steps. */
    values: Record<string, string>;
    /** What "run all reads of this phase" does after a failure. */
    failurePolicy: FailurePolicy;
  };
  setRunbookLibrary: (library: Runbook[]) => void;
  setPlaceholderValue: (name: string, value: string) => void;
  setFailurePolicy: (policy: FailurePolicy) => void;
  openRunbook: (runbookId: string | undefined) => void;
  setRunbookCursor: (cursor: number) => void;
  setStepStatus: (stepKey: string, status: StepStatus | undefined) => void;
  setStepResult: (stepKey: string, result: StepResultView) => void;
};

export const createRunbookSlice: StateCreator<CockpitState, [], [], RunbookSlice> = (set) => ({
  runbook: {
    library: [],
    openRunbookId: undefined,
    cursor: 0,
    statuses: {},
    results: {},
    earlierResults: {},
    values: {},
    failurePolicy: 'stop-at-first',
  },
  setRunbookLibrary: (library) => set((state) => ({runbook: {...state.runbook, library}})),
  setPlaceholderValue: (name, value) =>
    set((state) => ({
      runbook: {...state.runbook, values: {...state.runbook.values, [name]: value}},
    })),
  setFailurePolicy: (failurePolicy) =>
    set((state) => ({runbook: {...state.runbook, failurePolicy}})),
  openRunbook: (openRunbookId) =>
    set((state) => {
      const {earlierResults, results, openRunbookId: leaving} = state.runbook;
      const kept = leaving ? {...earlierResults, [leaving]: results} : earlierResults;
      return {
        runbook: {
          ...state.runbook,
          openRunbookId,
          cursor: 0,
          // The record is the truth: a step marked or run before shows as the timeline says.
          statuses: openRunbookId ? recordedStepStatuses(state.timeline, openRunbookId) : {},
          results: (openRunbookId && kept[openRunbookId]) || {},
          earlierResults: kept,
          // Values typed for placeholders (secrets among them) do not outlive the open runbook.
          values: {},
        },
      };
    }),
  setRunbookCursor: (cursor) => set((state) => ({runbook: {...state.runbook, cursor}})),
  setStepStatus: (stepKey, status) =>
    set((state) => {
      const statuses = {...state.runbook.statuses};
      if (status) statuses[stepKey] = status;
      else delete statuses[stepKey];
      return {runbook: {...state.runbook, statuses}};
    }),
  setStepResult: (stepKey, result) =>
    set((state) => ({
      runbook: {...state.runbook, results: {...state.runbook.results, [stepKey]: result}},
    })),
});
