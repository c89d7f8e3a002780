import {Text} from 'ink';
import {useShallow} from 'zustand/react/shallow';
import {ratePerMinute} from '../../signals/signal-rules';
import type {SignalSettings} from '../../signals/signal-settings';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {useApplicationSettings} from '../application-settings-context';
import {useCockpitActions} from '../cockpit-actions';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {openRunbookById} from '../runbook/open-runbook';
import {useCockpit, useCockpitStore} from '../store-context';
import {colourOf} from '../theme';
import {DataTable} from '../widgets/DataTable';
import {usePaneCommands, useRowSelection} from './application/use-pane-commands';
import {SessionDetail} from './SessionDetail';
import {signalDetailLines} from './signal-detail';
import {readingFromState, signalColumns, signalRows} from './signal-rows';

const detailOverlay = 'signals.detail';

/**
 * The product's own signals: a sparkline, the value (or rate) and the alert state of each.
 * ↑/↓ select, Enter shows the selected signal in full, b opens the runbook it suggests.
 */
export function SignalsPane(props: RegionProps) {
  const {signals} = useApplicationSettings();
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const overlay = useCockpit((cockpit) => cockpit.ui.overlay);
  // The store's own objects, so the selection is stable between unrelated updates.
  const state = useCockpit(
    useShallow((cockpit) => ({
      probes: cockpit.probes,
      history: cockpit.history,
      alerts: cockpit.alerts,
    })),
  );
  const readingOf = (signal: SignalSettings) =>
    readingFromState(
      state,
      signal,
      signal.rate ? ratePerMinute({history: state.history}, signal.id) : undefined,
    );
  const rows = signalRows(signals, readingOf);
  const selection = useRowSelection(signals.length);
  const setMessage = (message: string) => store.getState().updateUi({message});
  usePaneCommands('signals', props.focused, (command) => {
    // Keys after an Enter in the same chunk: the detail is open, the selection must stay.
    if (store.getState().ui.overlay !== undefined) return;
    const signal = signals[selection.current()];
    if (command === 'signals.detail' && signal) store.getState().updateUi({overlay: detailOverlay});
    else if (command === 'signals.runbook' && signal) {
      const runbookId = signal.runbook;
      if (!runbookId)
        return setMessage(
          `${sanitizeTerminalText(signal.title, {maxLength: 60})} suggests no runbook: b elsewhere lists them all`,
        );
      const loaded = store.getState().runbook.library.some((runbook) => runbook.id === runbookId);
      if (!loaded)
        return setMessage(
          `runbook ${sanitizeTerminalText(runbookId, {maxLength: 80})} is not loaded (check runbooks.builtin and runbooks.paths)`,
        );
      // After every handler has seen this key: moving focus now would let the screen read the
      // same b as its own, for the runbook picker.
      queueMicrotask(() => openRunbookById(store, actions, runbookId));
    } else selection.move(command);
  });
  const inner = {width: Math.max(1, props.width - 4), height: Math.max(1, props.height - 2)};
  const selected = signals[selection.index];
  if (overlay === detailOverlay && selected)
    return (
      <PaneFrame title="Signals" width={props.width} height={props.height} focused={props.focused}>
        <SessionDetail
          title={`Signal ${sanitizeTerminalText(selected.title, {maxLength: 60})}`}
          lines={signalDetailLines(selected, readingOf(selected), inner.width)}
          width={inner.width}
          height={inner.height}
          onClose={() => store.getState().updateUi({overlay: undefined})}
        />
      </PaneFrame>
    );
  return (
    <PaneFrame title="Signals" width={props.width} height={props.height} focused={props.focused}>
      {signals.length === 0 ? (
        <Text color={colourOf('text.muted')}>no signals configured (signals: in the config)</Text>
      ) : (
        <DataTable
          columns={signalColumns}
          rows={rows}
          width={inner.width}
          height={inner.height}
          selectedIndex={selection.index}
          active={props.focused}
        />
      )}
    </PaneFrame>
  );
}
