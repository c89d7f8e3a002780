import {setFlagsFromString} from 'node:v8';

// Imported on demand: libpg-query instantiates its WebAssembly as soon as it is imported (12 MB
// resident, 22 MB after the first statement, in 128 MB of reserved memory), and only runbook
// SQL needs it.
type LibpgQuery = typeof import('libpg-query');

type ParseResult = {
  stmts?: Array<{stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number}>;
};

let loading: Promise<void> | undefined;
let libpgQuery: LibpgQuery | undefined;

/**
 * Loads PostgreSQL's own parser (WebAssembly) once; call before {@link parseSql}.
 *
 * V8 first runs WebAssembly with its baseline compiler and recompiles hot functions with
 * TurboFan on a background thread. The parser's grammar function is huge, and exiting while
 * that recompilation runs makes the main thread wait for it (idle, in a futex) — which is how
 * `cockpit runbooks lint` sometimes printed its summary and did not exit (about 1 run in 150
 * of a parse loop reproduced it). The baseline code is fast enough for runbook SQL, so
 * TurboFan is switched off for WebAssembly before the module is compiled (the import is
 * dynamic because compiling starts as soon as the package is imported).
 */
export async function loadSqlParser(): Promise<void> {
  loading ??= (async () => {
    setFlagsFromString('--liftoff-only');
    const module = (await import('libpg-query')) as LibpgQuery & {default?: LibpgQuery};
    const api = module.default ?? module;
    await api.loadModule();
    libpgQuery = api;
  })();
  await loading;
}

/** Whether {@link loadSqlParser} has finished: SQL can be parsed and classified now. */
export function isSqlParserLoaded(): boolean {
  return libpgQuery !== undefined;
}

/** One statement of a block, with its text cut from the block. */
export type ParsedStatement = {node: Record<string, unknown>; text: string};

/** A block parsed into statements, or the parser's message. */
export type ParsedSql = {statements: ParsedStatement[]} | {error: string};

/** Parses SQL with PostgreSQL's grammar; never throws. Requires {@link loadSqlParser}. */
export function parseSql(sql: string): ParsedSql {
  if (!libpgQuery) return {error: 'the SQL parser is not loaded'};
  let result: ParseResult;
  try {
    result = libpgQuery.parseSync(sql) as ParseResult;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {error: message.split('\n')[0] ?? 'syntax error'};
  }
  // Statement locations are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(sql, 'utf8');
  const statements = (result.stmts ?? []).map(({stmt, stmt_location = 0, stmt_len}) => ({
    node: stmt,
    text: bytes
      .subarray(stmt_location, stmt_len ? stmt_location + stmt_len : bytes.length)
      .toString('utf8')
      .trim(),
  }));
  return {statements};
}

/** The lexical tokens of SQL (for placeholders inside string literals); undefined if it cannot be scanned. */
export function scanSql(
  sql: string,
): Array<{start: number; end: number; tokenName: string}> | undefined {
  if (!libpgQuery) return undefined;
  try {
    return libpgQuery.scanSync(sql).tokens;
  } catch {
    return undefined;
  }
}
