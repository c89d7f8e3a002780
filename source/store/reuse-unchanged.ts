/**
 * `next` with every part that is deep-equal to the same part of `previous` replaced by that part
 * (structural sharing), and `previous` itself when nothing changed. A pane reading an unchanged
 * snapshot, or a memoised row reading an unchanged row, then sees the same object and skips its
 * render. For the plain JSON-like data probes return.
 */
export function reuseUnchanged<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    let same = previous.length === next.length;
    const merged = next.map((item, index) => {
      const reused = reuseUnchanged(previous[index], item);
      if (reused !== previous[index]) same = false;
      return reused;
    });
    return (same ? previous : merged) as T;
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(previous)) return next;
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
      const reused = reuseUnchanged(previous[key], next[key]);
      if (!Object.hasOwn(previous, key) || reused !== previous[key]) same = false;
      merged[key] = reused;
    }
    return (same ? previous : merged) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
