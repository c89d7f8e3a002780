import {createContext, type ReactNode, useContext, useEffect, useRef} from 'react';
import type {CockpitStore} from '../store/cockpit-store';

/**
 * Keys that arrived for an overlay before it was listening: the rest of the input chunk whose
 * key opened it (`r` then `requeue⏎` in one write), or a chunk that came before it was drawn.
 * One queue for the whole screen, since one overlay at a time is open.
 */
export type OverlayKeyQueue = {
  /** Keeps `keyNames` for the overlay open now. */
  hold: (keyNames: readonly string[]) => void;
  /** Hands what was kept to the overlay, once. */
  take: () => string[];
};

/** An empty queue. */
export function createOverlayKeyQueue(): OverlayKeyQueue {
  let held: string[] = [];
  return {
    hold: (keyNames) => {
      held.push(...keyNames);
    },
    take: () => {
      const taken = held;
      held = [];
      return taken;
    },
  };
}

const OverlayKeyQueueContext = createContext<OverlayKeyQueue | undefined>(undefined);

/** Shares one queue below it, emptied whenever the overlay closes. */
export function OverlayKeyQueueProvider(props: {store: CockpitStore; children: ReactNode}) {
  const queue = useRef<OverlayKeyQueue>(undefined);
  queue.current ??= createOverlayKeyQueue();
  const {store} = props;
  // Held keys belong to the overlay that was open: they must never type into the next one.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.ui.overlay === undefined && previous.ui.overlay !== undefined)
          queue.current?.take();
      }),
    [store],
  );
  return (
    <OverlayKeyQueueContext.Provider value={queue.current}>
      {props.children}
    </OverlayKeyQueueContext.Provider>
  );
}

/** The screen's queue (a component drawn alone, as in a test, gets one of its own). */
export function useOverlayKeyQueue(): OverlayKeyQueue {
  const shared = useContext(OverlayKeyQueueContext);
  const own = useRef<OverlayKeyQueue>(undefined);
  if (shared) return shared;
  own.current ??= createOverlayKeyQueue();
  return own.current;
}
