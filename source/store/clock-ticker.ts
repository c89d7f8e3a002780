import type {CockpitStore} from './cockpit-store';

/** Without a refresh for this long, the clock moves by itself. */
export const idleTickMs = 1250;

/**
 * Keeps the store's clock moving while no refresh does (paused, slow intervals, a database
 * that does not answer); returns the function that stops it. Each move of the clock restarts
 * the timer, so while refreshes keep it moving the timer never fires: a 250 ms check of the
 * clock woke the process four times a second for nothing.
 */
export function keepClockMoving(store: CockpitStore): () => void {
  const timer = setInterval(() => store.getState().tickClock(Date.now()), idleTickMs);
  timer.unref?.();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.clock !== previous.clock) timer.refresh();
  });
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
