import {type ReactNode, useMemo, useState} from 'react';
import {planCancel, sessionSignalRequest} from '../../actions/session-signals';
import type {DatabaseActionRequest} from '../../actions/write-requests';
import type {SessionInfo} from '../../probes/session-info';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {useCockpitActions} from '../cockpit-actions';
import {activeBindings, commandForKey, isPaneCommand} from '../keys';
import {useOverlayKeyQueue} from '../overlay-key-queue';
import {usePaneKeys} from '../pane-keys';
import {useCockpit, useCockpitStore} from '../store-context';
import {useRetainedState} from '../use-retained-state';
import {TypedConfirmation} from '../widgets/TypedConfirmation';
import {blockingRelations} from './locks-rows';
import {SessionDetail} from './SessionDetail';
import {sessionDetailLines} from './session-detail';
import {
  emptySessionList,
  moveSelection,
  type SessionRow,
  selectedIndexOf,
  targetSessions,
  toggleMark,
} from './session-list-state';

/**
 * What the connections and locks panes share: row selection and marks, Enter for a session's
 * detail, `y` to copy its query, and cancel/terminate behind the typed confirmation. Other
 * pane-scoped commands go to `onCommand`, which may return an action to confirm, or a message
 * saying why there is none.
 */
export function useSessionPane<Row extends SessionRow>(options: {
  paneId: string;
  rows: readonly Row[];
  focused: boolean;
  pageSize: number;
  width: number;
  height: number;
  onCommand?: (
    command: string,
    selected: Row | undefined,
  ) => DatabaseActionRequest | string | undefined;
  /**
   * Keys of the same input chunk that came after a key which opened an overlay of the pane's
   * own; true when it used them. The others wait for the overlay (see `takeTypedKeys`).
   */
  onOverlayKeys?: (keyNames: readonly string[]) => boolean;
  /**
   * The rows as the latest key left them, when a key can change them before the next render
   * (`g` groups the table: a `K` after it in the same chunk acts on a group row).
   */
  currentRows?: () => readonly Row[];
}): {
  selectedIndex: number;
  marked: ReadonlySet<string>;
  overlayBody: ReactNode | undefined;
  /** Asks for the typed confirmation of an action the pane built itself. */
  ask: (request: DatabaseActionRequest) => void;
  /** Hands an overlay the keys that arrived for it before it was listening. */
  takeTypedKeys: () => string[];
} {
  const {paneId, rows, focused, pageSize} = options;
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const overlay = useCockpit((state) => state.ui.overlay);
  const readOnly = useCockpit((state) => state.ui.readOnly);
  const locks = useCockpit((state) => state.probes.locks?.data);
  const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);
  const [list, currentList, setList] = useRetainedState(`${paneId}.sessions`, emptySessionList);
  const [detail, setDetail] = useState<SessionInfo>();
  const [pending, setPending] = useState<DatabaseActionRequest>();
  // Keys typed after the one that opened an overlay, before the overlay was listening.
  const earlyKeys = useOverlayKeyQueue();
  const takeTypedKeys = earlyKeys.take;
  const detailOverlay = `${paneId}.detail`;
  const confirmOverlay = `${paneId}.confirm`;
  const setMessage = (message: string) => store.getState().updateUi({message});

  const ask = (request: DatabaseActionRequest) => {
    setPending(request);
    store.getState().updateUi({overlay: confirmOverlay});
  };
  const answer = (reply: DatabaseActionRequest | string | undefined) => {
    if (typeof reply === 'string') setMessage(reply);
    else if (reply) ask(reply);
  };

  usePaneKeys(paneId, focused, (keyNames) => {
    let state = currentList();
    let used = keyNames.length;
    for (const [index, keyName] of keyNames.entries()) {
      // A key earlier in this chunk opened one of this pane's overlays: the rest is its.
      const overlayNow = store.getState().ui.overlay;
      if (overlayNow !== undefined) {
        const rest = keyNames.slice(index);
        const ours = overlayNow.startsWith(`${paneId}.`);
        if (ours && !options.onOverlayKeys?.(rest)) earlyKeys.hold(rest);
        break;
      }
      const command = commandForKey(keyName, paneId, bindings);
      // Not this pane's (a focus key, `:`): the screen takes it and what follows.
      if (!isPaneCommand(command, paneId, bindings)) {
        used = index;
        break;
      }
      const rows = options.currentRows?.() ?? options.rows;
      const selected = rows[selectedIndexOf(state, rows)];
      if (command.startsWith('rows.')) state = moveSelection(state, rows, command, pageSize);
      // A key that acts on a session says why it did nothing, rather than nothing at all.
      else if (command.startsWith('session.') && rows.length === 0)
        setMessage('the list is empty: no session to act on');
      else if (command === 'session.mark') state = toggleMark(state, rows);
      else if (command === 'session.detail' && selected?.session) {
        setDetail(selected.session);
        store.getState().updateUi({overlay: detailOverlay});
      } else if (command === 'session.copy' && selected?.session) {
        actions.copyToClipboard(
          sanitizeTerminalText(selected.session.query ?? '', {
            multiline: true,
            maxLength: 100_000,
          }),
        );
        setMessage(`copied the query of pid ${selected.session.pid}`);
      } else if (command === 'session.cancel') {
        const plan = planCancel(targetSessions(state, rows));
        if (plan.message) setMessage(plan.message);
        if (plan.sessions.length > 0) ask(sessionSignalRequest('cancel', plan.sessions));
      } else if (command === 'session.terminate' && state.marked.size === 0 && !selected?.session) {
        answer(options.onCommand?.(command, selected));
      } else if (command === 'session.terminate') {
        const sessions = targetSessions(state, rows);
        if (sessions.length > 0) ask(sessionSignalRequest('terminate', sessions));
      } else {
        answer(options.onCommand?.(command, selected));
      }
    }
    setList(state);
    return used;
  });

  let overlayBody: ReactNode | undefined;
  if (overlay === detailOverlay && detail) {
    overlayBody = (
      <SessionDetail
        title={`Session ${detail.pid}`}
        lines={sessionDetailLines(
          detail,
          blockingRelations(locks, detail.pid),
          Math.max(10, options.width),
        )}
        width={options.width}
        height={options.height}
        onClose={() => store.getState().updateUi({overlay: undefined})}
        takeTypedKeys={takeTypedKeys}
      />
    );
  } else if (overlay === confirmOverlay && pending) {
    overlayBody = (
      <TypedConfirmation
        title={`${pending.summary}?`}
        // What it acts on first: with many sessions the statement is long, and "On:" must show.
        details={[
          ...pending.details.map((line, index) => (index === 0 ? `On: ${line}` : `    ${line}`)),
          '',
          'Will run:',
          ...pending.statements,
        ]}
        word={pending.confirmationWord}
        takeTypedKeys={takeTypedKeys}
        width={options.width}
        height={options.height}
        onConfirm={() => {
          setPending(undefined);
          setList({...currentList(), marked: new Set()});
          store.getState().updateUi({overlay: undefined, message: `${pending.summary}…`});
          void actions.runDatabaseAction(pending).then((outcome) => setMessage(outcome.text));
        }}
        onCancel={() => {
          setPending(undefined);
          store
            .getState()
            .updateUi({overlay: undefined, message: `not confirmed: ${pending.summary}`});
          void actions.recordCancelledAction(pending);
        }}
      />
    );
  }
  return {
    selectedIndex: selectedIndexOf(list, rows),
    marked: list.marked,
    overlayBody,
    ask,
    takeTypedKeys,
  };
}
