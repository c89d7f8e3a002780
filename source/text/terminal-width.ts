import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/** The options of `string-width` this module is a drop-in for. */
type WidthOptions = {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean};

/**
 * Code points one cell wide however they are combined with their neighbours: ASCII, Latin-1,
 * punctuation, arrows, the minus sign, box drawing, blocks and geometric shapes up to the two
 * that are emoji.
 */
export function isPlainNarrow(code: number): boolean {
  if (code < 0x2010)
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff && code !== 0xad);
  return (
    code <= 0x2027 ||
    (code >= 0x2030 && code <= 0x205e) ||
    (code >= 0x2190 && code <= 0x21ff) ||
    code === 0x2212 ||
    (code >= 0x2500 && code <= 0x25fc)
  );
}

/**
 * `string-width` with a fast path for the text a table with borders is made of. Ink measures
 * every line of every frame; a line with one `│` or `·` in it leaves string-width's ASCII fast
 * path for grapheme segmentation and emoji expressions, which was a fifth of the cockpit's CPU.
 * The bundle puts this in place of `string-width` for Ink and its helpers; the result is the same.
 */
export default function terminalWidth(input: string, options?: WidthOptions): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options?.countAnsiEscapeCodes || options?.ambiguousIsNarrow === false)
    return stringWidth(input, options);
  const text = input.includes('\u001b') || input.includes('\u009b') ? stripAnsi(input) : input;
  return isPlainNarrowText(text) ? text.length : stringWidth(text, options);
}

/** Text of plain narrow characters only: one grapheme and one column per UTF-16 unit. */
export function isPlainNarrowText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (!isPlainNarrow(text.charCodeAt(index))) return false;
  }
  return true;
}
