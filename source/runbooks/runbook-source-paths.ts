import path from 'node:path';
import type {CockpitConfig} from '../config/cockpit-config';

/** Where runbooks are loaded from: the built-in library (unless hidden) and a team's paths. */
export type RunbookSources = {
  builtin: boolean;
  /** Absolute paths, each with the text it was given as (shown as the runbook's origin). */
  paths: Array<{path: string; origin: string}>;
};

/** The origin of the runbooks shipped with the program. */
export const builtinOrigin = 'built-in';

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
    builtin: options.config.runbooks?.builtin !== false,
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
