import {useRef, useState} from 'react';
import type {FlatStep} from './navigator-types';

/**
 * Which code block of a step `r` runs and `y` copies (`[`/`]` choose). The choice belongs to one
 * step: another step starts at its first block. Kept in a ref so several keys in one input chunk
 * (`]r`) see each other's effect.
 */
export function useBlockChoice() {
  const chosen = useRef({key: '', index: 0});
  const [, setVersion] = useState(0);
  const blockOf = (step: FlatStep | undefined): number => {
    if (!step || chosen.current.key !== step.key) return 0;
    return Math.min(chosen.current.index, Math.max(0, step.step.code.length - 1));
  };
  const choose = (step: FlatStep | undefined, delta: number) => {
    const count = step?.step.code.length ?? 0;
    if (!step || count === 0) return;
    chosen.current = {key: step.key, index: (blockOf(step) + delta + count) % count};
    setVersion((version) => version + 1);
  };
  return {blockOf, choose};
}
