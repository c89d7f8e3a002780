// Masking of customer data for `--share-redact` (what viewers receive) and `--present` (the
// commander's own screen on a shared call). It keeps what an incident needs — the shape of a
// query, which domain bounces, which payload keys a dead letter has — and hides the values.

/** What stands in for a hidden value. */
export const maskMark = '…';

const stringLiteral = /'(?:[^']|'')*'/g;
const whereKeyword = /\bwhere\b/i;
// A number standing alone: not part of a name (t1, col_2), a parameter ($1) or a cast (::int4).
const numberLiteral = /(?<![\w$.:])\d+(?:\.\d+)?(?![\w.])/g;
const emailAddress = /[\w.+%-]{1,64}@((?:[\w-]{1,63}\.){1,8}[a-z]{2,24})\b/gi;
const payloadPair = /(^|,\s*)([^=,]{1,80})=[^,]*/g;
// The join command on a presented screen: whoever watches the call must not be able to join.
const shareToken = /(--token\s+)\S+/g;

/** Email addresses keep their domain only: `alice@example.com` → `…@example.com`. */
export function maskEmailAddresses(text: string): string {
  return text.replace(emailAddress, `${maskMark}@$1`);
}

/** A query's literals: every quoted string, and every number after WHERE. */
export function maskQueryText(sql: string): string {
  const literalsMasked = sql.replace(stringLiteral, `'${maskMark}'`);
  const where = literalsMasked.search(whereKeyword);
  const masked =
    where < 0
      ? literalsMasked
      : literalsMasked.slice(0, where) +
        literalsMasked.slice(where).replace(numberLiteral, maskMark);
  return maskEmailAddresses(masked);
}

/** A payload summary (`key=value, …`) keeps its keys; anything else is hidden whole. */
export function maskPayloadSummary(text: string): string {
  if (text === '') return text;
  if (!text.includes('=')) return maskMark;
  return text.replace(payloadPair, `$1$2=${maskMark}`);
}

const queryKeys = new Set(['query', 'sql']);
const payloadKeys = new Set(['payloadSummary', 'payload', 'payload_summary']);

function maskString(text: string, key: string | undefined): string {
  if (key && queryKeys.has(key)) return maskQueryText(text);
  if (key && payloadKeys.has(key)) return maskPayloadSummary(text);
  return maskEmailAddresses(text).replace(shareToken, `$1${maskMark}`);
}

/** Every string inside `value` masked by what its key says it is; returns a copy. */
export function maskCustomerData<T>(value: T, key?: string): T {
  if (typeof value === 'string') return maskString(value, key) as T;
  if (Array.isArray(value)) return value.map((item) => maskCustomerData(item, key)) as T;
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) result[name] = maskCustomerData(item, name);
    return result as T;
  }
  return value;
}

/**
 * A masker for the screen that returns the same masked object for the same input object, so
 * React sees a stable value between renders (zustand selectors must not return a new object
 * for unchanged state). One per rendered store.
 */
export function createScreenMask(): <T>(value: T) => T {
  const cache = new WeakMap<object, unknown>();
  const mask = <T>(value: T, key?: string): T => {
    if (typeof value === 'string') return maskString(value, key) as T;
    if (typeof value !== 'object' || value === null) return value;
    const cached = cache.get(value);
    if (cached !== undefined) return cached as T;
    let result: unknown;
    if (Array.isArray(value)) result = value.map((item) => mask(item, key));
    else if (Object.getPrototypeOf(value) !== Object.prototype) result = value;
    else {
      const copy: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) copy[name] = mask(item, name);
      result = copy;
    }
    cache.set(value, result);
    return result as T;
  };
  return (value) => mask(value);
}
