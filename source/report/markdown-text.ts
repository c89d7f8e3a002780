import {sanitizeTerminalText} from '../text/sanitize-terminal-text';

/**
 * User text made safe for one line of Markdown: control characters and escape sequences gone,
 * line breaks flattened, HTML neutralised, and pipes escaped so a table cell stays one cell.
 */
export function inlineText(text: string, maxLength = 100_000): string {
  return sanitizeTerminalText(text, {maxLength})
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`');
}

/** A fenced code block that no backtick run inside `code` can close early. */
export function codeBlock(code: string, language = ''): string {
  const clean = sanitizeTerminalText(code, {multiline: true, maxLength: 100_000});
  const longest = Math.max(2, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${clean}\n${fence}`;
}

/** One Markdown table row from cells (already escaped). */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
