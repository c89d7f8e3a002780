import {useInput} from 'ink';
import {useEffect} from 'react';
import {keyNamesOf} from './keys';
import {useOverlayKeyQueue} from './overlay-key-queue';

/**
 * Input for an overlay: `handle` gets every key name, first those that arrived before the
 * overlay was listening (the rest of the chunk whose key opened it, held in the screen's
 * overlay key queue unless `takeTypedKeys` says otherwise), then its own.
 */
export function useTypedKeys(
  takeTypedKeys: (() => string[]) | undefined,
  handle: (keyNames: readonly string[]) => void,
): void {
  const queue = useOverlayKeyQueue();
  const take = takeTypedKeys ?? queue.take;
  useEffect(() => {
    const early = take();
    if (early.length > 0) handle(early);
  });
  useInput((input, key) => handle([...take(), ...keyNamesOf(input, key)]));
}
