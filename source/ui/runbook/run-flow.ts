import {useEffect, useState} from 'react';
import type {Runbook} from '../../runbooks/runbook-model';
import type {CockpitStore} from '../../store/cockpit-store';
import type {StepResultView} from '../../store/slices/runbook-slice';
import type {CockpitActions} from '../cockpit-actions';
import {useCockpitStore} from '../store-context';
import type {FlatStep} from './navigator-types';
import type {StepOutcomeView} from './step-outcome-view';

/** What the navigator shows instead of its keys while a step runs: a question or a confirmation. */
export type RunFlow =
  | {
      kind: 'ask';
      id: string;
      label: string;
      /** The value given last time, filled in to edit. */
      initial?: string;
      /** A secret placeholder: typed characters show as bullets. */
      secret?: boolean;
      /** Why the value given last was not accepted. */
      problem?: string;
      onSubmit: (text: string) => void;
      onCancel: () => void;
    }
  | {
      kind: 'confirm';
      id: string;
      title: string;
      details: string[];
      word: string;
      onConfirm: () => void;
      onCancel: () => void;
    };

/** The overlay the navigator owns while a flow is open (App's keys stay away). */
export const runFlowOverlay = 'runbook-run';
/** The word that confirms a write, a shell command or a batch of reads. */
export const runWord = 'run';
/** The word that confirms a dangerous SQL step (DDL, pg_terminate_backend, …). */
export const dangerousWord = 'dangerous';

/** A one-line result with no table (running…, cancelled, cannot run). */
export const notice = (summary: string, tone: StepResultView['tone']): StepOutcomeView => ({
  view: {summary, tone, columns: [], rows: []},
});

/** What the SQL and shell flows work with. */
export type FlowContext = {
  store: CockpitStore;
  actions: CockpitActions;
  runbook: Runbook;
  setFlow: (flow: RunFlow | undefined) => void;
  /** Shows an outcome under the step and sets the status it implies. */
  show: (step: FlatStep, outcome: StepOutcomeView) => void;
};

/** The open flow, and setting it together with the overlay that keeps App's keys away. */
export function useRunFlow() {
  const store = useCockpitStore();
  const [flow, setFlowState] = useState<RunFlow>();
  const setFlow = (next: RunFlow | undefined) => {
    setFlowState(next);
    store.getState().updateUi({overlay: next ? runFlowOverlay : undefined});
  };
  useEffect(
    () => () => {
      if (store.getState().ui.overlay === runFlowOverlay)
        store.getState().updateUi({overlay: undefined});
    },
    [store],
  );
  const show = (step: FlatStep, outcome: StepOutcomeView) => {
    store.getState().setStepResult(step.key, outcome.view);
    if (outcome.status) store.getState().setStepStatus(step.key, outcome.status);
  };
  return {flow, setFlow, show};
}
