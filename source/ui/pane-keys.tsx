import {useInput} from 'ink';
import {createContext, type ReactNode, useContext, useEffect, useRef} from 'react';
import {keyNamesOf} from './keys';
import {useCockpit} from './store-context';

/**
 * A focused region's keys: it is given the keys of an input chunk from the first one the screen
 * did not take, handles those it owns from the start, and says how many it used. It stops at a
 * key that is not its own (a focus key, `:`), which goes back to the screen; a key that opened
 * one of its overlays uses the rest of the chunk (the overlay takes them).
 */
export type PaneKeyHandler = (keyNames: readonly string[]) => number;

/**
 * The screen hands each key to the region focused when that key is reached, so `2⏎` in one
 * write moves the focus and opens the detail of the newly focused pane, not of the one that was
 * focused when the chunk arrived.
 */
export type PaneKeyRouter = {
  register: (paneId: string, handler: PaneKeyHandler) => () => void;
  /** Keys used by the pane; a pane not drawn yet is given them all when it is. */
  deliver: (paneId: string, keyNames: readonly string[]) => number;
};

export function createPaneKeyRouter(): PaneKeyRouter {
  const handlers = new Map<string, PaneKeyHandler>();
  // Keys for a pane not drawn yet: at 80x24 only the focused pane is mounted, so after `2` in
  // `2⏎` Locks listens only once the focus is drawn. The next delivery drops them, and so does
  // a second: keys must never act on a pane long after they were typed.
  let waiting: {paneId: string; keyNames: readonly string[]; at: number} | undefined;
  return {
    register: (paneId, handler) => {
      handlers.set(paneId, handler);
      if (waiting?.paneId === paneId && Date.now() - waiting.at < 1000) {
        const {keyNames} = waiting;
        waiting = undefined;
        handler(keyNames);
      }
      return () => {
        if (handlers.get(paneId) === handler) handlers.delete(paneId);
      };
    },
    deliver: (paneId, keyNames) => {
      waiting = undefined;
      const handler = handlers.get(paneId);
      if (handler) return handler(keyNames);
      waiting = {paneId, keyNames, at: Date.now()};
      return keyNames.length;
    },
  };
}

const PaneKeyRouterContext = createContext<PaneKeyRouter | undefined>(undefined);

export function PaneKeyRouterProvider(props: {router: PaneKeyRouter; children: ReactNode}) {
  return (
    <PaneKeyRouterContext.Provider value={props.router}>
      {props.children}
    </PaneKeyRouterContext.Provider>
  );
}

/**
 * Gives `paneId`'s keys to `handler`: through the screen's router, or, for a pane drawn alone
 * (as in a test), from Ink directly while it is focused and no overlay is open.
 */
export function usePaneKeys(paneId: string, focused: boolean, handler: PaneKeyHandler): void {
  const router = useContext(PaneKeyRouterContext);
  const overlay = useCockpit((state) => state.ui.overlay);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(
    () => router?.register(paneId, (keyNames) => latest.current(keyNames)),
    [router, paneId],
  );
  useInput(
    (input, key) => {
      latest.current(keyNamesOf(input, key));
    },
    {isActive: router === undefined && focused && overlay === undefined},
  );
}
