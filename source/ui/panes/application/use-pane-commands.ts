import {useInput} from 'ink';
import {useMemo} from 'react';
import {activeBindings, commandForKey, keyNamesOf} from '../../keys';
import {useCockpit} from '../../store-context';

/**
 * Calls `onCommand` for the focused pane's own key commands (`<paneId>.…`) while no overlay is
 * open. Dangerous commands are not in the table under `--read-only`, so they never arrive.
 */
export function usePaneCommands(
  paneId: string,
  focused: boolean,
  onCommand: (command: string) => void,
): void {
  const readOnly = useCockpit((state) => state.ui.readOnly);
  const overlay = useCockpit((state) => state.ui.overlay);
  const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);
  useInput(
    (input, key) => {
      for (const keyName of keyNamesOf(input, key)) {
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
