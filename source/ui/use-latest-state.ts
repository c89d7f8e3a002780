import {useRef, useState} from 'react';

/**
 * State whose latest value can be read back before the next render. Ink hands the events of
 * one input chunk (`→→`, `ab⌫⌫`) to the handler one after another with no render between
 * them, so a handler that read its state from the render would see every event start from
 * the same value and count the chunk once.
 */
export function useLatestState<T>(initial: T | (() => T)): [T, () => T, (value: T) => void] {
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const set = (next: T) => {
    latest.current = next;
    setValue(next);
  };
  return [value, () => latest.current, set];
}
