import {useInput} from 'ink';
import {useEffect} from 'react';
import {keyNamesOf} from './keys';

/**
 * Input for an overlay: `handle` gets every key name, first those that arrived before the
 * overlay was listening (the rest of the chunk whose key opened it), then its own.
 */
export function useTypedKeys(
  takeTypedKeys: (() => string[]) | undefined,
  handle: (keyNames: readonly string[]) => void,
): void {
  useEffect(() => {
    const early = takeTypedKeys?.() ?? [];
    if (early.length > 0) handle(early);
  });
  useInput((input, key) => handle([...(takeTypedKeys?.() ?? []), ...keyNamesOf(input, key)]));
}
