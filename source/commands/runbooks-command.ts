import {triggerIds} from '../alerts/all-rules';
import {resolveApplicationSettings} from '../config/application-settings';
import type {CockpitConfig} from '../config/cockpit-config';
import {loadConfig} from '../config/load-config';
import {CockpitError, UsageError} from '../errors';
import {isError, lintRunbook} from '../runbooks/runbook-lint';
import type {Runbook, Step} from '../runbooks/runbook-model';
import {runbookSourcesFrom, signalTriggersOf} from '../runbooks/runbook-source-paths';
import {loadRunbookSources} from '../runbooks/runbook-sources';
import {type SchemaNames, schemaNamesFrom} from '../runbooks/schema-names';
import {loadSqlParser} from '../runbooks/sql-parser';
import {redactSecretsDeep} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {journalSecrets} from './journal-secrets';

/** Options of `cockpit runbooks lint|show [PATH...] [--json]`. */
export type RunbooksOptions = {
  action: string | undefined;
  paths: string[];
  json: boolean;
  config?: string;
  db?: string;
};

const clean = (text: string, maxLength = 200) => sanitizeTerminalText(text, {maxLength});

/** JSON with invisible and direction-changing characters escaped, so a terminal shows it as is. */
function safeJson(value: unknown): string {
  return JSON.stringify(redactSecretsDeep(value), null, 2).replace(
    /[\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The runbooks named on the command line, else the configured ones (the library unless
 * `runbooks.builtin: false`, and `runbooks.paths`), with the product's names substituted.
 */
async function loadAll(
  options: RunbooksOptions,
  environment: NodeJS.ProcessEnv,
  {config, file}: {config: CockpitConfig; file: string | undefined},
): Promise<{
  runbooks: Runbook[];
  names: SchemaNames;
  knownTriggers: string[];
  /** Signals whose `runbook:` names no loaded runbook, with the configuration file. */
  unsuggested: {file: string; lines: string[]};
}> {
  const application = resolveApplicationSettings(config, environment);
  const names = schemaNamesFrom(application, config.schema);
  const knownTriggers = [
    ...triggerIds(application),
    ...application.signals.map((signal) => signal.id),
  ];
  const sources =
    options.paths.length > 0
      ? runbookSourcesFrom({
          config: {runbooks: {builtin: false}},
          configFile: undefined,
          flagPaths: options.paths,
        })
      : runbookSourcesFrom({config, configFile: file});
  const runbooks = await loadRunbookSources(sources, names, signalTriggersOf(application.signals));
  if (runbooks.length === 0)
    throw new CockpitError('no runbook files found', {hint: 'pass Markdown files or folders'});
  const loaded = new Set(runbooks.map((runbook) => runbook.id));
  // Only against the configured runbooks: files named on the command line are a subset.
  const unsuggested =
    options.paths.length > 0
      ? []
      : application.signals
          .filter((signal) => signal.runbook && !loaded.has(signal.runbook))
          .map(
            (signal) =>
              `signal ${signal.name} suggests runbook "${signal.runbook}", which is not loaded (see runbooks.builtin and runbooks.paths)`,
          );
  return {
    runbooks,
    names,
    knownTriggers,
    unsuggested: {file: file ?? 'configuration', lines: unsuggested},
  };
}

function lintLines(
  runbooks: Runbook[],
  write: (line: string) => void,
  json: boolean,
  knownTriggers: readonly string[],
  unsuggested: {file: string; lines: string[]} = {file: '', lines: []},
): number {
  let errors = 0;
  let warnings = unsuggested.lines.length;
  if (!json)
    for (const line of unsuggested.lines)
      write(`${clean(unsuggested.file)}:0: warning: ${clean(line)}`);
  const report = runbooks.map((runbook) => {
    const findings = lintRunbook(runbook, knownTriggers);
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
  const origin = runbook.origin ? `, from ${clean(runbook.origin, 120)}` : '';
  write(
    `${clean(runbook.title)}${severity}  (${clean(runbook.file)}, id ${clean(runbook.id, 80)}${origin})`,
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

/** `cockpit runbooks lint|show|check`: checks or prints runbooks; returns the exit code. */
export async function runRunbooksCommand(
  options: RunbooksOptions,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  environment: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (options.action !== 'lint' && options.action !== 'show' && options.action !== 'check')
    throw new UsageError(
      options.action ? `unknown runbooks action "${options.action}"` : 'missing runbooks action',
      'run cockpit runbooks lint|show|check [PATH...] [--json]',
    );
  if (options.db && options.action !== 'check')
    throw new UsageError(
      '--db belongs to cockpit runbooks check',
      'lint and show read no database',
    );
  const loaded = await loadConfig({explicitPath: options.config, environment});
  await journalSecrets({environment, config: loaded.config});
  const {runbooks, knownTriggers, unsuggested} = await loadAll(options, environment, loaded);
  if (options.action === 'check') {
    const {runRunbooksCheck} = await import('./runbooks-check-command');
    return runRunbooksCheck({runbooks, db: options.db, config: loaded.config}, write, environment);
  }
  if (options.action === 'lint') {
    await loadSqlParser();
    return lintLines(runbooks, write, options.json, knownTriggers, unsuggested);
  }
  if (options.json) write(safeJson(runbooks));
  else for (const runbook of runbooks) showOutline(runbook, write);
  return runbooks.some((runbook) => runbook.warnings.some(isError)) ? 1 : 0;
}
