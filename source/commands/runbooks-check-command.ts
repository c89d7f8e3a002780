import type {CockpitConfig} from '../config/cockpit-config';
import {CockpitError, UsageError} from '../errors';
import type {Runbook} from '../runbooks/runbook-model';
import {allSteps} from '../runbooks/runbook-walk';
import {hasSchemaNameReference} from '../runbooks/schema-names';
import {checkSqlBlock, type SqlCheckResult} from '../runbooks/sql-check';
import {loadSqlParser} from '../runbooks/sql-parser';
import {resolveConnectionTarget} from '../sources/connection-target';
import {PostgresLifeline} from '../sources/postgres-lifeline';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';

const sqlLanguages = new Set(['sql', 'postgresql', 'psql', 'pgsql']);
const clean = (text: string) => sanitizeTerminalText(text, {maxLength: 400});

/** Every SQL block of the runbooks, with where it is. */
function sqlBlocksOf(runbooks: readonly Runbook[]) {
  return runbooks.flatMap((runbook) =>
    [...allSteps(runbook)].flatMap(({step}) =>
      step.code
        .filter((code) => sqlLanguages.has(code.lang.toLowerCase()))
        .map((code) => ({runbook, code})),
    ),
  );
}

function lineOf(result: SqlCheckResult): string {
  if (result.status === 'ok') return result.note ? `ok (${clean(result.note)})` : 'ok';
  return `${result.status}: ${clean(result.message)}`;
}

/**
 * `cockpit runbooks check`: EXPLAINs every SQL block (never running one) against the live
 * schema and prints `file:line: ok|fails|skipped: …`; exit 1 when any block fails.
 */
export async function runRunbooksCheck(
  options: {runbooks: Runbook[]; db?: string; config: CockpitConfig},
  write: (line: string) => void,
  environment: NodeJS.ProcessEnv,
): Promise<number> {
  const {config} = options;
  const target = resolveConnectionTarget(
    {flag: options.db, configUrl: config.database?.url},
    environment,
  );
  if (!target)
    throw new UsageError(
      'cockpit runbooks check needs a database',
      'pass --db URL, set DATABASE_URL, PGHOST or PGSERVICE, or database.url in the config file',
    );
  await loadSqlParser();
  const lifeline = new PostgresLifeline(target, {
    statementTimeoutMs: config.database?.statementTimeoutMs ?? 5000,
  });
  lifeline.start();
  try {
    await lifeline.waitUntilConnected(10_000).catch((error: unknown) => {
      throw new CockpitError(`cannot reach ${target.label}: ${(error as Error).message}`, {
        hint: 'check the URL, the network and that the server is up',
      });
    });
    const counts = {ok: 0, fails: 0, skipped: 0};
    for (const runbook of options.runbooks) {
      for (const warning of runbook.warnings.filter(
        (item) => item.line === 0 && item.level === 'error',
      )) {
        counts.fails += 1;
        write(`${clean(runbook.file)}:0: fails: ${clean(warning.message)}`);
      }
    }
    for (const {runbook, code} of sqlBlocksOf(options.runbooks)) {
      // A configured name that did not resolve: say which, not the parser's "syntax error at {".
      const nameError = hasSchemaNameReference(code.text)
        ? runbook.warnings.find(
            (warning) => warning.line === code.line && warning.level === 'error',
          )
        : undefined;
      const result: SqlCheckResult = nameError
        ? {status: 'fails', message: nameError.message}
        : await checkSqlBlock(lifeline, code);
      counts[result.status] += 1;
      write(`${clean(runbook.file)}:${code.line}: ${lineOf(result)}`);
    }
    write(
      `${counts.ok + counts.fails + counts.skipped} SQL block(s) on ${clean(target.label)}: ${counts.ok} ok, ${counts.fails} failing, ${counts.skipped} skipped`,
    );
    return counts.fails > 0 ? 1 : 0;
  } finally {
    await lifeline.close();
  }
}
