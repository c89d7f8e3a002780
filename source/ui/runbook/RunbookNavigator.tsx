import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {useShallow} from 'zustand/react/shallow';
import type {Runbook, StepStatus} from '../../runbooks/runbook-model';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {useCockpitActions} from '../cockpit-actions';
import {activeBindings, commandForKey, isPaneCommand} from '../keys';
import {useOverlayKeyQueue} from '../overlay-key-queue';
import {usePaneKeys} from '../pane-keys';
import {useCockpit, useCockpitStore} from '../store-context';
import {colourOf} from '../theme';
import {TextPrompt} from '../widgets/TextPrompt';
import {TypedConfirmation} from '../widgets/TypedConfirmation';
import type {FlatStep} from './navigator-types';
import {RunbookStepDetail} from './RunbookStepDetail';
import {RunbookStepList} from './RunbookStepList';
import {runFlowOverlay} from './run-flow';
import {flattenSteps, moveCursor, nextOpenStep, progressOf} from './runbook-navigation';
import {useBlockChoice} from './use-block-choice';
import {policyText, usePhaseRunner} from './use-phase-runner';
import {useSqlCheck} from './use-sql-check';
import {useStepRunner} from './use-step-runner';

/** Keys that move through the steps a page or to an end, whatever the bindings say. */
const pagingKeys = ['pageup', 'pagedown', 'home', 'end'];

/** The open runbook: progress, the step list and the current step; keys mark steps done, skipped or failed. */
export function RunbookNavigator(props: {
  runbook: Runbook;
  width: number;
  height: number;
  focused: boolean;
}) {
  const {runbook, width, height, focused} = props;
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const {cursor, statuses, results} = useCockpit(
    useShallow((state) => ({
      cursor: state.runbook.cursor,
      statuses: state.runbook.statuses,
      results: state.runbook.results,
    })),
  );
  const overlay = useCockpit((state) => state.ui.overlay);
  const readOnly = useCockpit((state) => state.ui.readOnly);
  const steps = useMemo(() => flattenSteps(runbook), [runbook]);
  const current = steps[cursor];
  const {flow, setFlow, runStep} = useStepRunner(runbook);
  const runPhase = usePhaseRunner(runbook, steps, setFlow);
  const {blockOf, choose} = useBlockChoice();
  const sqlCheck = useSqlCheck(current?.step.code[current ? blockOf(current) : 0]);
  // Keys of one input chunk ("jjr") act in turn, so each reads the cursor from the store.
  const here = () => steps[store.getState().runbook.cursor];
  const copyBlock = (step: FlatStep | undefined) => {
    const code = step?.step.code[blockOf(step)];
    if (!code) return store.getState().updateUi({message: 'this step has no code to copy'});
    actions.copyToClipboard(code.text);
    const lines = code.text.split('\n').length;
    const message = `copied ${lines} line${lines === 1 ? '' : 's'} of ${code.lang || 'code'}`;
    store.getState().updateUi({message});
  };
  const switchPolicy = () => {
    const state = store.getState();
    const next = state.runbook.failurePolicy === 'stop-at-first' ? 'run-all' : 'stop-at-first';
    state.setFailurePolicy(next);
    state.updateUi({message: `run all reads: ${policyText[next]}`});
  };
  const listHeight = Math.max(2, Math.floor((height - 1) * 0.45));
  const promptRows = overlay === 'runbook-skip' ? 1 : flow?.kind === 'ask' ? 2 : 0;
  const detailHeight = Math.max(1, height - 1 - listHeight - promptRows);
  const progress = progressOf(steps, statuses);

  const mark = (status: StepStatus, reason?: string) => {
    const current = here();
    if (!current) return;
    const state = store.getState();
    const position = state.runbook.cursor;
    state.setStepStatus(current.key, status);
    const after = {...state.runbook.statuses, [current.key]: status};
    state.setRunbookCursor(nextOpenStep(steps, after, position));
    const why = reason?.trim() ? ` (${reason.trim()})` : '';
    void actions.recordEvent({
      kind: `runbook.step.${status}`,
      text: `${runbook.title} › ${current.phase}: ${status} "${current.step.text}"${why}`,
      data: {runbookId: runbook.id, step: current.key, status, reason: reason?.trim() || undefined},
    });
  };

  const overlayKeys = useOverlayKeyQueue();
  usePaneKeys('runbook', focused, (keyNames) => {
    const bindings = activeBindings(readOnly);
    for (const [index, keyName] of keyNames.entries()) {
      const state = store.getState();
      // A key earlier in this chunk opened a prompt or a confirmation: the rest is its.
      const overlayNow = state.ui.overlay;
      if (overlayNow !== undefined) {
        if (overlayNow === 'runbook-skip' || overlayNow === runFlowOverlay)
          overlayKeys.hold(keyNames.slice(index));
        return keyNames.length;
      }
      const command = commandForKey(keyName, 'runbook', bindings);
      const paging = pagingKeys.includes(keyName);
      // Not the runbook's (a focus key, `:`): the screen takes it and what follows.
      if (!paging && !isPaneCommand(command, 'runbook', bindings)) return index;
      if (command === 'runbook.next' || command === 'runbook.previous' || paging) {
        state.setRunbookCursor(moveCursor(state.runbook.cursor, keyName, steps.length, listHeight));
      } else if (command === 'runbook.done') mark('done');
      else if (command === 'runbook.fail') mark('failed');
      else if (command === 'runbook.skip') state.updateUi({overlay: 'runbook-skip'});
      else if (command === 'runbook.run' && here()) {
        runStep(here()!, blockOf(here()));
        return keyNames.length;
      } else if (command === 'runbook.block.previous') choose(here(), -1);
      else if (command === 'runbook.block.next') choose(here(), 1);
      else if (command === 'runbook.copy') copyBlock(here());
      else if (command === 'runbook.runPhaseReads' && here()) {
        runPhase(here()!);
        return keyNames.length;
      } else if (command === 'runbook.failurePolicy') switchPolicy();
      else if (command === 'runbook.close') {
        void actions.recordEvent({
          kind: 'runbook.closed',
          text: `closed runbook ${runbook.title}`,
          data: {runbookId: runbook.id},
        });
        state.openRunbook(undefined);
      }
    }
    return keyNames.length;
  });

  if (flow?.kind === 'confirm') {
    return (
      <TypedConfirmation
        key={flow.id}
        title={flow.title}
        details={flow.details}
        word={flow.word}
        width={width}
        height={height}
        onConfirm={flow.onConfirm}
        onCancel={flow.onCancel}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{sanitizeTerminalText(runbook.title)}</Text>
        <Text color={colourOf('text.muted')}>
          {`  ${runbook.severity ?? ''}  ${progress.done} done · ${progress.skipped} skipped · `}
        </Text>
        <Text
          color={colourOf(progress.failed > 0 ? 'status.critical' : 'text.muted')}
        >{`${progress.failed} failed`}</Text>
        <Text color={colourOf('text.muted')}>{` · ${progress.total} steps`}</Text>
      </Text>
      {steps.length === 0 ? (
        <Text color={colourOf('text.muted')}>This runbook has no steps.</Text>
      ) : (
        <RunbookStepList steps={steps} statuses={statuses} cursor={cursor} height={listHeight} />
      )}
      {overlay === 'runbook-skip' && focused ? (
        <TextPrompt
          label="Reason for skipping (Enter for none):"
          onSubmit={(reason) => {
            store.getState().updateUi({overlay: undefined});
            mark('skipped', reason);
          }}
          onCancel={() => store.getState().updateUi({overlay: undefined})}
        />
      ) : null}
      {flow?.kind === 'ask' ? (
        <Box flexDirection="column">
          <Text color={colourOf('text.accent')} wrap="truncate-end">
            {sanitizeTerminalText(flow.label)}
            {flow.problem ? (
              <Text color={colourOf('status.critical')}>{` ✗ ${flow.problem}`}</Text>
            ) : null}
          </Text>
          <TextPrompt
            key={flow.id}
            label=">"
            initial={flow.initial}
            mask={flow.secret}
            onSubmit={flow.onSubmit}
            onCancel={flow.onCancel}
          />
        </Box>
      ) : null}
      {current ? (
        <RunbookStepDetail
          step={current}
          result={results[current.key]}
          blockIndex={blockOf(current)}
          sqlCheck={sqlCheck}
          width={width}
          height={detailHeight}
        />
      ) : null}
    </Box>
  );
}
