import {useMemo, useRef, useState} from 'react';
import {activeBindings, commandForKey, isPaneCommand} from '../../keys';
import {useOverlayKeyQueue} from '../../overlay-key-queue';
import {usePaneKeys} from '../../pane-keys';
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
  const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);
  const ownOverlay = `confirm:${paneId}`;
  usePaneKeys(paneId, focused, (keyNames) => {
    for (const [index, keyName] of keyNames.entries()) {
      // An earlier key of this chunk opened an overlay.
      const overlayNow = store.getState().ui.overlay;
      if (overlayNow !== undefined) {
        if (overlayNow === ownOverlay) queue.hold(keyNames.slice(index));
        return keyNames.length;
      }
      const command = commandForKey(keyName, paneId, bindings);
      // Not this pane's (a focus key, `:`): the screen takes it and what follows.
      if (!isPaneCommand(command, paneId, bindings)) return index;
      onCommand(command);
    }
    return keyNames.length;
  });
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
