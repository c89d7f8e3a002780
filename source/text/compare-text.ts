/**
 * The order of lists people scan (runbook titles, a sessions column): case folded, then by code
 * unit, so `Api` and `api` keep one order. Not localeCompare: its first call maps ICU's collation
 * data into the process (2.6 MB more resident memory), and each call costs more.
 */
export function compareText(left: string, right: string): number {
  const folded = byCodeUnit(left.toLowerCase(), right.toLowerCase());
  return folded !== 0 ? folded : byCodeUnit(left, right);
}

function byCodeUnit(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
