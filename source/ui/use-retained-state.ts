import type {CockpitStore} from '../store/cockpit-store';
import {useCockpitStore} from './store-context';
import {useLatestState} from './use-latest-state';

const retainedByStore = new WeakMap<CockpitStore, Map<string, unknown>>();

/**
 * `useLatestState` whose value outlives the component. Where the screen shows one pane at a
 * time (80x24), the others are not rendered at all; a pane the user comes back to keeps its
 * filter, sort, selection and marks. Kept per store, so each cockpit (and each test) has its own.
 */
export function useRetainedState<T>(key: string, initial: T): [T, () => T, (value: T) => void] {
  const store = useCockpitStore();
  const retained = retainedByStore.get(store) ?? new Map<string, unknown>();
  retainedByStore.set(store, retained);
  const [value, latest, set] = useLatestState<T>(() =>
    retained.has(key) ? (retained.get(key) as T) : initial,
  );
  const keep = (next: T) => {
    retained.set(key, next);
    set(next);
  };
  return [value, latest, keep];
}
