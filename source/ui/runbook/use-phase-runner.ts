import {loadSqlParserInBackground} from '../../app/load-runbooks';
import {type BatchResult, planPhaseReads} from '../../runbooks/phase-runner';
import type {Runbook} from '../../runbooks/runbook-model';
import {isSqlParserLoaded} from '../../runbooks/sql-parser';
import {useCockpitActions} from '../cockpit-actions';
import {useCockpitStore} from '../store-context';
import type {FlatStep} from './navigator-types';
import {type RunFlow, runWord} from './run-flow';
import {stepKey} from './runbook-navigation';
import {sqlOutcomeView} from './step-outcome-view';
import {stepRefOf} from './step-ref';

/** How the failure policy reads in the confirmation and the footer. */
export const policyText = {
  'stop-at-first': 'stop at the first failure',
  'run-all': 'run the rest and report',
} as const;

const firstLine = (sql: string) => sql.trim().split('\n')[0] ?? '';

/**
 * "Run all read-only steps of this phase": one confirmation listing the reads (and what is
 * skipped, and why) under the runbook's failure policy, then each result under its step.
 */
export function usePhaseRunner(
  runbook: Runbook,
  steps: readonly FlatStep[],
  setFlow: (flow: RunFlow | undefined) => void,
) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const runPhase = (current: FlatStep) => {
    const incident = runbook.incidents[current.incidentIndex];
    const phase = incident?.phases[current.phaseIndex];
    if (!incident || !phase) return;
    const state = store.getState();
    const {reads, skipped} = planPhaseReads(incident, phase, state.runbook.values);
    const keyOf = (path: readonly number[]) =>
      stepKey(current.incidentIndex, current.phaseIndex, path);
    const flatOf = (path: readonly number[]) => steps.find((step) => step.key === keyOf(path));
    if (reads.length === 0) {
      state.updateUi({message: `no read-only SQL step in ${phase.title}`});
      return;
    }
    const policy = state.runbook.failurePolicy;
    setFlow({
      kind: 'confirm',
      id: `phase:${current.incidentIndex}.${current.phaseIndex}`,
      title: `Run ${reads.length} read-only quer${reads.length === 1 ? 'y' : 'ies'} of ${phase.title}; on failure: ${policyText[policy]} (p changes it)`,
      details: [
        ...reads.map(
          (read) => `${keyOf(read.path)} ${read.step.text}: ${firstLine(read.prepared.sql)}`,
        ),
        ...skipped.map((item) => `skipped ${keyOf(item.path)} ${item.step.text}: ${item.reason}`),
      ],
      word: runWord,
      onConfirm: () => {
        setFlow(undefined);
        const onResult = ({read, outcome}: BatchResult) => {
          const step = flatOf(read.path);
          if (!step) return;
          if (outcome.kind === 'not-run') {
            const view = {
              summary: 'not run: an earlier query failed',
              tone: 'warn' as const,
              columns: [],
              rows: [],
            };
            store.getState().setStepResult(step.key, view);
            return;
          }
          const shown = sqlOutcomeView(outcome);
          store.getState().setStepResult(step.key, shown.view);
          if (shown.status) store.getState().setStepStatus(step.key, shown.status);
        };
        const stepOf = (read: {path: readonly number[]}) => {
          const step = flatOf(read.path);
          return step ? stepRefOf(runbook, step) : undefined;
        };
        const request = {
          runbook: {id: runbook.id, title: runbook.title},
          phase: phase.title,
          reads,
          policy,
          stepOf,
        };
        // The pipeline journals each result before it is shown, and the phase's summary last.
        void actions.runRunbookReads(request, onResult).then((results) => {
          const count = (kind: string) =>
            results.filter((item) => item.outcome.kind === kind).length;
          const failed = results.length - count('read') - count('not-run');
          const summary = `${phase.title}: ${count('read')} read(s) ran, ${failed} failed, ${count('not-run')} not run`;
          store.getState().updateUi({message: summary});
        });
      },
      onCancel: () => {
        setFlow(undefined);
        void actions.recordEvent({
          kind: 'runbook.phase.cancelled',
          text: `${runbook.title} › ${phase.title}: run all reads cancelled, nothing ran`,
          data: {runbookId: runbook.id, phase: phase.title},
        });
      },
    });
  };
  return (current: FlatStep) => {
    // Reads are told from writes by the SQL parser, which loads when a runbook opens.
    if (isSqlParserLoaded()) return runPhase(current);
    store.getState().updateUi({message: 'loading the SQL parser…'});
    void loadSqlParserInBackground(store).then(() => {
      if (isSqlParserLoaded()) runPhase(current);
    });
  };
}
