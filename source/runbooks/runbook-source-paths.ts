import {readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {CockpitConfig} from '../config/cockpit-config';

/** Where runbooks are loaded from: the built-in library (unless hidden) and a team's paths. */
export type RunbookSources = {
  /** true: the whole library; false: none of it; a list: only the built-in runbooks named. */
  builtin: boolean | readonly string[];
  /** Absolute paths, each with the text it was given as (shown as the runbook's origin). */
  paths: Array<{path: string; origin: string}>;
};

/** The origin of the runbooks shipped with the program. */
export const builtinOrigin = 'built-in';

/** The folder of the library shipped with the program (`<package>/runbooks/`). */
export function defaultRunbookFolder(): string {
  // Bundled, this module is <package>/dist/cli.js; under the tests it is source/runbooks/*.ts.
  const fromSource = import.meta.url.includes('/source/runbooks/');
  return fileURLToPath(new URL(fromSource ? '../../runbooks/' : '../runbooks/', import.meta.url));
}

const markdownFile = /\.(md|markdown)$/i;

/** The built-in runbooks' names, as `runbooks.builtin` lists them: their file names, their ids. */
export function builtinRunbookNames(): string[] {
  try {
    return readdirSync(defaultRunbookFolder())
      .filter((name) => markdownFile.test(name))
      .map((name) => name.replace(markdownFile, ''))
      .sort();
  } catch {
    return [];
  }
}

/** Whether a built-in runbook file is one the sources select. */
export function selectsBuiltin(builtin: RunbookSources['builtin'], file: string): boolean {
  if (typeof builtin === 'boolean') return builtin;
  return builtin.includes(path.basename(file).replace(markdownFile, ''));
}

/**
 * The runbook sources of a configuration (`runbooks.paths`, relative to the configuration
 * file) and of `--runbooks` flags (relative to the working directory).
 */
export function runbookSourcesFrom(options: {
  config: CockpitConfig;
  configFile: string | undefined;
  flagPaths?: readonly string[];
  cwd?: string;
}): RunbookSources {
  const cwd = options.cwd ?? process.cwd();
  const configFolder = options.configFile ? path.dirname(options.configFile) : cwd;
  return {
    builtin: options.config.runbooks?.builtin ?? true,
    paths: [
      ...(options.config.runbooks?.paths ?? []).map((item) => ({
        path: path.resolve(configFolder, item),
        origin: item,
      })),
      ...(options.flagPaths ?? []).map((item) => ({path: path.resolve(cwd, item), origin: item})),
    ],
  };
}

/** The alert ids each runbook is suggested for by configured signals (`runbook:`), by runbook id. */
export function signalTriggersOf(
  signals: ReadonlyArray<{id: string; runbook: string | undefined}>,
): Record<string, string[]> {
  const triggers: Record<string, string[]> = {};
  for (const signal of signals) {
    if (!signal.runbook) continue;
    triggers[signal.runbook] = [...(triggers[signal.runbook] ?? []), signal.id];
  }
  return triggers;
}
