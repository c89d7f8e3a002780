/** A small deterministic generator, so a failing random case is the same case every run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const integer = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  return {next, pick, integer};
}
