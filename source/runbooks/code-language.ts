/**
 * The one definition of what a code block's language means to the cockpit: SQL runs through
 * the lifeline (the navigator's `r`, run-all's `a`, and `runbooks lint` all use this list),
 * shell and HTTP blocks run through `/bin/sh`, anything else is only shown and copied.
 * docs/runbooks.md lists these languages; a docs test checks it against this file.
 */

/** Languages of blocks that are SQL. */
export const sqlLanguages: readonly string[] = [
  'sql',
  'postgresql',
  'postgres',
  'psql',
  'pgsql',
  'plpgsql',
];

/** Languages of blocks that are shell commands (HTTP blocks in runbooks are curl command lines). */
export const shellLanguages: readonly string[] = ['bash', 'sh', 'shell', 'zsh', 'http', 'curl'];

/** How a block runs: SQL through the lifeline, shell/HTTP through `/bin/sh`, or not at all. */
export type CodeKind = 'sql' | 'shell' | undefined;

/** The kind of a fenced block from its language (case does not matter). */
export function codeKindOf(lang: string): CodeKind {
  const name = lang.trim().toLowerCase();
  if (sqlLanguages.includes(name)) return 'sql';
  if (shellLanguages.includes(name)) return 'shell';
  return undefined;
}

/** True when a block is SQL. */
export function isSqlBlock(code: {lang: string}): boolean {
  return codeKindOf(code.lang) === 'sql';
}
