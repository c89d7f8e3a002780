/**
 * `next` with every part that is deep-equal to the same part of `previous` replaced by that part
 * (structural sharing), and `previous` itself when nothing changed. A pane reading an unchanged
 * snapshot, or a memoised row reading an unchanged row, then sees the same object and skips its
 * render. For the plain JSON-like data probes return.
 *
 * `next` is a probe's fresh result that nothing else holds yet, so the shared parts are put into
 * it in place: a refresh of 500 sessions where nothing changed allocates nothing here (building
 * merged copies of every row was 6% of the cockpit's CPU, and more of its garbage).
 *
 * The top-level `takenAsTheyCome` keys of `next` are not compared: parts known to differ
 * everywhere (every session aged to a later read), where comparing would find nothing to share
 * (with 500 sessions, 10-13% of the CPU of a cockpit at 80x24).
 */
export function reuseUnchanged<T>(
  previous: unknown,
  next: T,
  takenAsTheyCome: readonly string[] = [],
): T {
  if (takenAsTheyCome.length > 0 && isPlainObject(previous) && isPlainObject(next))
    return reuseInObject(previous, next, new Map(), takenAsTheyCome) as T;
  return reuse(previous, next, new Map()) as T;
}

/**
 * `settled` holds the parts of `next` already compared: a snapshot lists one session in several
 * lists (all sessions, the longest running, the oldest transactions), and comparing it again
 * for each was most of the work.
 */
function reuse(previous: unknown, next: unknown, settled: Map<object, unknown>): unknown {
  if (Object.is(previous, next) || next === null || typeof next !== 'object') return next;
  const known = settled.get(next);
  if (known !== undefined) return known;
  const result = Array.isArray(next)
    ? reuseInArray(previous, next, settled)
    : isPlainObject(next)
      ? reuseInObject(previous, next, settled)
      : next;
  settled.set(next, result);
  return result;
}

function reuseInArray(previous: unknown, next: unknown[], settled: Map<object, unknown>): unknown {
  if (!Array.isArray(previous)) return next;
  let same = previous.length === next.length;
  for (let index = 0; index < next.length; index += 1) {
    const item = next[index];
    const before: unknown = previous[index];
    const reused = reuse(before, item, settled);
    if (reused !== item) next[index] = reused;
    if (reused !== before) same = false;
  }
  return same ? previous : next;
}

function reuseInObject(
  previous: unknown,
  next: Record<string, unknown>,
  settled: Map<object, unknown>,
  takenAsTheyCome: readonly string[] = [],
): unknown {
  if (!isPlainObject(previous)) return next;
  let same = true;
  let keys = 0;
  for (const key in next) {
    if (!Object.hasOwn(next, key)) continue;
    keys += 1;
    const value = next[key];
    const before = previous[key];
    // Most fields are numbers, strings or null: compared here, without a call.
    const reused =
      value === null || typeof value !== 'object' || takenAsTheyCome.includes(key)
        ? value
        : reuse(before, value, settled);
    if (reused !== value) next[key] = reused;
    if (!Object.is(reused, before) || (before === undefined && !Object.hasOwn(previous, key)))
      same = false;
  }
  if (same && keys !== countKeys(previous)) same = false;
  return same ? previous : next;
}

function countKeys(value: Record<string, unknown>): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count += 1;
  return count;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
