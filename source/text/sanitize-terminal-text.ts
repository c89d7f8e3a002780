import stripAnsi from 'strip-ansi';
import {redactSecrets} from './redact-secrets';

/** Options for {@link sanitizeTerminalText}. */
export type SanitizeOptions = {
  /** Keep line breaks (as `\n`); otherwise every line break becomes a space. */
  multiline?: boolean;
  /** Longest result in code points; longer text is cut and ends with `…`. */
  maxLength?: number;
};

// C0 and C1 controls, DEL, bidirectional overrides/isolates and zero-width characters.
// Bidi controls can make a query read differently from what runs (CVE-2021-42574 "Trojan Source").
const unsafeCharacters =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Makes text from the database, a runbook, a viewer or the network safe to print:
 * secrets are redacted, escape sequences removed, control and invisible characters replaced by `�`,
 * tabs become spaces and the result is bounded in length.
 */
export function sanitizeTerminalText(input: unknown, options: SanitizeOptions = {}): string {
  const {multiline = false, maxLength = 4096} = options;
  let text = typeof input === 'string' ? input : input == null ? '' : String(input);
  // Bound the work before any regular expression runs over attacker-sized input.
  if (text.length > maxLength * 4 + 64) text = text.slice(0, maxLength * 4 + 64);
  // Whatever is shown may be on a shared screen: secrets in query text or errors go first.
  text = stripAnsi(redactSecrets(text))
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(loneSurrogates, '\ufffd')
    .replace(unsafeCharacters, '\ufffd');
  text = multiline ? text : text.replace(/\n+/g, ' ');
  const codePoints = Array.from(text);
  if (codePoints.length > maxLength) return `${codePoints.slice(0, maxLength - 1).join('')}…`;
  return text;
}
