import {useInput} from 'ink';
import {useMemo, useRef, useState} from 'react';
import {activeBindings, commandForKey, keyNamesOf, opensScreenOverlay} from '../../keys';
import {useOverlayKeyQueue} from '../../overlay-key-queue';
import {useCockpit, useCockpitStore} from '../../store-context';

/**
 * Calls `onCommand` for the focused pane's own key commands (`<paneId>.…`) while no overlay is
 * open. Dangerous commands are not in the table under `--read-only`, so they never arrive.
 * A command that opens the pane's confirmation (`r`, `s`) owns the rest of its input chunk:
 * those keys wait in the overlay key queue for the confirmation to take them.
 */
export function usePaneCommands(
  paneId: string,
  focused: boolean,
  onCommand: (command: string) => void,
): void {
  const store = useCockpitStore();
  const queue = useOverlayKeyQueue();
  const readOnly = useCockpit((state) => state.ui.readOnly);
  const overlay = useCockpit((state) => state.ui.overlay);
  const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);
  const ownOverlay = `confirm:${paneId}`;
  useInput(
    (input, key) => {
      const keyNames = keyNamesOf(input, key);
      for (const [index, keyName] of keyNames.entries()) {
        // An earlier key of this chunk (or an earlier event of it) opened an overlay.
        const overlayNow = store.getState().ui.overlay;
        if (overlayNow !== undefined) {
          if (overlayNow === ownOverlay) queue.hold(keyNames.slice(index));
          return;
        }
        // `:` or `?`: the screen opens its overlay and hands it the rest of the chunk.
        if (opensScreenOverlay(keyName, paneId, bindings)) return;
        const command = commandForKey(keyName, paneId, bindings);
        if (command?.startsWith(`${paneId}.`)) onCommand(command);
      }
    },
    {isActive: focused && overlay === undefined},
  );
}

/** The selection after ↑/↓, kept inside `0 … count - 1`. */
export function moveSelection(index: number, command: string, count: number): number {
  if (count <= 0) return 0;
  const delta = command.endsWith('.select.up') ? -1 : command.endsWith('.select.down') ? 1 : 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}

/**
 * The selected row of an application pane. Keys of one input chunk are handled before the
 * next render, so `current()` gives the selection as the previous key left it, not as the
 * last render saw it: `↓↓r` in one write acts on the third row.
 */
export function useRowSelection(count: number) {
  const [selected, setSelected] = useState(0);
  const latest = useRef(selected);
  const clamp = (value: number) => Math.min(value, Math.max(0, count - 1));
  const set = (value: number) => {
    latest.current = value;
    setSelected(value);
  };
  return {
    index: clamp(selected),
    current: () => clamp(latest.current),
    move: (command: string) => set(moveSelection(clamp(latest.current), command, count)),
    reset: () => set(0),
  };
}
