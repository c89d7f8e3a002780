import {createContext, type ReactNode, useContext, useState} from 'react';
import {useStore} from 'zustand';
import {createScreenMask} from '../share/customer-data-mask';
import type {CockpitState, CockpitStore} from '../store/cockpit-store';
import {OverlayKeyQueueProvider} from './overlay-key-queue';

const StoreContext = createContext<CockpitStore | undefined>(undefined);
// `--present`: what components read is masked, the store itself keeps the real data.
const ScreenMaskContext = createContext<(<T>(value: T) => T) | undefined>(undefined);

/**
 * Hands one cockpit store down to every component (the host, a viewer and each test have their
 * own), with the screen's queue of keys waiting for an overlay.
 */
export function CockpitStoreProvider({
  store,
  children,
}: {
  store: CockpitStore;
  children: ReactNode;
}) {
  const [mask] = useState(createScreenMask);
  return (
    <StoreContext.Provider value={store}>
      <ScreenMaskContext.Provider value={mask}>
        <OverlayKeyQueueProvider store={store}>{children}</OverlayKeyQueueProvider>
      </ScreenMaskContext.Provider>
    </StoreContext.Provider>
  );
}

/** The store itself, for actions and reads outside render. */
export function useCockpitStore(): CockpitStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCockpitStore outside CockpitStoreProvider');
  return store;
}

/** Reads a slice of state; pass a narrow selector (wrap derived arrays in `useShallow`). */
export function useCockpit<T>(selector: (state: CockpitState) => T): T {
  const mask = useContext(ScreenMaskContext);
  return useStore(useCockpitStore(), (state) =>
    state.share.presenting && mask ? mask(selector(state)) : selector(state),
  );
}
