import {createContext, type ReactNode, useContext} from 'react';
import {useStore} from 'zustand';
import type {CockpitState, CockpitStore} from '../store/cockpit-store';

const StoreContext = createContext<CockpitStore | undefined>(undefined);

/** Hands one cockpit store down to every component (the host, a viewer and each test have their own). */
export function CockpitStoreProvider({
  store,
  children,
}: {
  store: CockpitStore;
  children: ReactNode;
}) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for actions and reads outside render. */
export function useCockpitStore(): CockpitStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCockpitStore outside CockpitStoreProvider');
  return store;
}

/** Reads a slice of state; pass a narrow selector (wrap derived arrays in `useShallow`). */
export function useCockpit<T>(selector: (state: CockpitState) => T): T {
  return useStore(useCockpitStore(), selector);
}
