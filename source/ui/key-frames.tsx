import {useInput} from 'ink';
import {createContext, type ReactNode, useContext} from 'react';

const FlushContext = createContext<(() => void) | undefined>(undefined);

/**
 * Hands down how to put the pending frame on screen now. Ink caps frames per second, which is
 * right for data, but a key must answer at once, not wait out the cap behind a data frame.
 */
export function KeyFramesProvider({flush, children}: {flush: () => void; children: ReactNode}) {
  return <FlushContext.Provider value={flush}>{children}</FlushContext.Provider>;
}

/** Draws the frame a key produced without waiting for Ink's frame-rate cap. Mount once. */
export function useImmediateKeyFrames(): void {
  const flush = useContext(FlushContext);
  useInput(() => flush?.(), {isActive: flush !== undefined});
}
