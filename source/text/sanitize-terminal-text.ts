import {redactorGeneration, redactSecrets} from './redact-secrets';

/** Options for {@link sanitizeTerminalText}. */
export type SanitizeOptions = {
  /** Keep line breaks (as `\n`); otherwise every line break becomes a space. */
  multiline?: boolean;
  /** Longest result in code points; longer text is cut and ends with `…`. */
  maxLength?: number;
};

/** What an escape character becomes: visible, and inert. */
export const escapeMarker = '␛';

// C0 controls (but tab and line feed, handled apart), DEL and C1 controls. Each is replaced on its
// own, never together with the text after it: a sequence such as ESC ] … BEL can enclose text
// (`/* ESC]0; */; select 'HIDDEN'; /* BEL */`), and removing the sequence whole would hide that
// text from the screen while the database still runs it.
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides/isolates and zero-width characters: they can make a query read
// differently from what runs (CVE-2021-42574 "Trojan Source").
const invisibleCharacters =
  /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The visible stand-in of one control character: ␛ for ESC, the Control Pictures for C0 and DEL. */
function markerOf(character: string): string {
  const code = character.charCodeAt(0);
  if (code === 0x1b) return escapeMarker;
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  // C1: CSI and OSC act like ESC [ and ESC ] on some terminals.
  return code === 0x9b || code === 0x9d ? escapeMarker : '\ufffd';
}

/**
 * Makes text from the database, a runbook, a viewer or the network safe to print: secrets are
 * redacted, every control character is replaced by a visible marker (`␛` for ESC, `␇` for BEL, …)
 * while every printable character is kept, invisible and direction-changing characters become
 * `�`, tabs become spaces and the result is bounded in length.
 */
export function sanitizeTerminalText(input: unknown, options: SanitizeOptions = {}): string {
  const {multiline = false, maxLength = 4096} = options;
  const text = typeof input === 'string' ? input : input == null ? '' : String(input);
  if (text.length > cachedInputLength) return sanitize(text, multiline, maxLength);
  const cache = cacheFor(multiline, maxLength);
  const known = cache.recent.get(text) ?? cache.older.get(text);
  if (known !== undefined) {
    cache.recent.set(text, known);
    return known;
  }
  const clean = sanitize(text, multiline, maxLength);
  if (cache.recent.size >= cacheGeneration) {
    cache.older = cache.recent;
    cache.recent = new Map();
  }
  cache.recent.set(text, clean);
  return clean;
}

// Every frame shows the same few hundred queries, names and errors, each sanitised as it is
// drawn: redacting them anew was 5% of the cockpit's CPU. What was made safe lately is kept (the
// strings of about two frames' worth, per option set) until the redactor learns a new secret.
const cachedInputLength = 2048;
const cacheGeneration = 2048;
type TextCache = {recent: Map<string, string>; older: Map<string, string>};
/** By option set: the longest length, negative when line breaks are kept. */
const caches = new Map<number, TextCache>();
let cachesGeneration = -1;

function cacheFor(multiline: boolean, maxLength: number): TextCache {
  if (cachesGeneration !== redactorGeneration()) {
    caches.clear();
    cachesGeneration = redactorGeneration();
  }
  const key = multiline ? -maxLength - 1 : maxLength;
  let cache = caches.get(key);
  if (!cache) {
    cache = {recent: new Map(), older: new Map()};
    caches.set(key, cache);
  }
  return cache;
}

function sanitize(input: string, multiline: boolean, maxLength: number): string {
  let text = input;
  // Bound the work before any regular expression runs over attacker-sized input.
  if (text.length > maxLength * 4 + 64) text = text.slice(0, maxLength * 4 + 64);
  // Whatever is shown may be on a shared screen: secrets in query text or errors go first.
  text = redactSecrets(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(loneSurrogates, '\ufffd')
    .replace(controlCharacters, markerOf)
    .replace(invisibleCharacters, '\ufffd');
  text = multiline ? text : text.replace(/\n+/g, ' ');
  const codePoints = Array.from(text);
  if (codePoints.length > maxLength) return `${codePoints.slice(0, maxLength - 1).join('')}…`;
  return text;
}
