import {alertRuleIds} from '../alerts/all-rules';
import {CockpitError, UsageError} from '../errors';
import {defaultRunbookFolder, loadRunbookFile, runbookFilesIn} from '../runbooks/runbook-library';
import {isError, lintRunbook} from '../runbooks/runbook-lint';
import type {Runbook, Step} from '../runbooks/runbook-model';
import {loadSqlParser} from '../runbooks/sql-parser';
import {redactSecretsDeep} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {journalSecrets} from './journal-secrets';

/** Options of `cockpit runbooks lint|show [PATH...] [--json]`. */
export type RunbooksOptions = {action: string | undefined; paths: string[]; json: boolean};

const clean = (text: string, maxLength = 200) => sanitizeTerminalText(text, {maxLength});

/** JSON with invisible and direction-changing characters escaped, so a terminal shows it as is. */
function safeJson(value: unknown): string {
  return JSON.stringify(redactSecretsDeep(value), null, 2).replace(
    /[\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function loadAll(paths: readonly string[]): Promise<Runbook[]> {
  const files = await runbookFilesIn(paths.length > 0 ? paths : [defaultRunbookFolder()]);
  if (files.length === 0)
    throw new CockpitError('no runbook files found', {hint: 'pass Markdown files or folders'});
  const runbooks: Runbook[] = [];
  for (const file of files) runbooks.push(await loadRunbookFile(file));
  return runbooks;
}

function lintLines(runbooks: Runbook[], write: (line: string) => void, json: boolean): number {
  let errors = 0;
  let warnings = 0;
  const triggers = alertRuleIds();
  const report = runbooks.map((runbook) => {
    const findings = lintRunbook(runbook, triggers);
    for (const finding of findings) {
      if (isError(finding)) errors += 1;
      else warnings += 1;
      if (!json)
        write(
          `${clean(runbook.file)}:${finding.line}: ${finding.level}: ${clean(finding.message)}`,
        );
    }
    return {file: runbook.file, warnings: findings};
  });
  if (json) write(safeJson(report));
  else write(`${runbooks.length} file(s): ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}

function outlineSteps(steps: readonly Step[], indent: string, write: (line: string) => void): void {
  steps.forEach((step, index) => {
    const box = step.checked === undefined ? '' : step.checked ? '[x] ' : '[ ] ';
    const code = step.code.map((block) => `[${block.lang || 'code'}]`).join(' ');
    write(`${indent}${index + 1}. ${box}${clean(step.text, 100)}${code ? `  ${code}` : ''}`);
    outlineSteps(step.steps, `${indent}   `, write);
  });
}

function showOutline(runbook: Runbook, write: (line: string) => void): void {
  const severity = runbook.severity ? ` [${clean(runbook.severity, 20)}]` : '';
  write(
    `${clean(runbook.title)}${severity}  (${clean(runbook.file)}, id ${clean(runbook.id, 80)})`,
  );
  if (runbook.triggers.length > 0)
    write(`  triggers: ${runbook.triggers.map((trigger) => clean(trigger, 60)).join(', ')}`);
  for (const incident of runbook.incidents) {
    write(`  ${clean(incident.title)}`);
    for (const phase of incident.phases) {
      write(
        `    ${clean(phase.title)}${phase.kind && phase.kind !== phase.title.toLowerCase() ? ` (${phase.kind})` : ''}`,
      );
      outlineSteps(phase.steps, '      ', write);
    }
  }
  for (const warning of runbook.warnings)
    write(`  ! line ${warning.line}: ${clean(warning.message)}`);
  write('');
}

/** `cockpit runbooks lint|show`: checks or prints runbooks; returns the exit code. */
export async function runRunbooksCommand(
  options: RunbooksOptions,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  if (options.action !== 'lint' && options.action !== 'show')
    throw new UsageError(
      options.action ? `unknown runbooks action "${options.action}"` : 'missing runbooks action',
      'run cockpit runbooks lint|show [PATH...] [--json]',
    );
  journalSecrets(process.env, undefined);
  const runbooks = await loadAll(options.paths);
  if (options.action === 'lint') {
    await loadSqlParser();
    return lintLines(runbooks, write, options.json);
  }
  if (options.json) write(safeJson(runbooks));
  else for (const runbook of runbooks) showOutline(runbook, write);
  return runbooks.some((runbook) => runbook.warnings.some(isError)) ? 1 : 0;
}
