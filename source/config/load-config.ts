import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type {z} from 'zod';
import {UsageError} from '../errors';
import {type CockpitConfig, cockpitConfigSchema} from './cockpit-config';

const fileNames = ['cockpit.config.json', 'cockpit.config.yaml', 'cockpit.config.yml'];

/** Where a configuration file is looked for when `--config` is not given, in order. */
export function configSearchPaths(environment: NodeJS.ProcessEnv, cwd: string): string[] {
  const configHome = environment.XDG_CONFIG_HOME || path.join(environment.HOME ?? '', '.config');
  return [
    ...fileNames.map((name) => path.join(cwd, name)),
    ...fileNames.map((name) => path.join(configHome, 'incident-cockpit', name)),
  ];
}

/** Loads, expands and validates the configuration; no file at all is an empty configuration. */
export function loadConfig(
  options: {explicitPath?: string; environment?: NodeJS.ProcessEnv; cwd?: string} = {},
): {
  config: CockpitConfig;
  file: string | undefined;
} {
  const environment = options.environment ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = options.explicitPath
    ? path.resolve(cwd, options.explicitPath)
    : configSearchPaths(environment, cwd).find((candidate) => existsSync(candidate));
  if (!file) return {config: {}, file: undefined};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new UsageError(`config file ${file}: ${reason}`, 'check the --config path');
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : 'parse error';
    throw new UsageError(
      `config file ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${detail}`,
    );
  }
  const expanded = expandEnvironment(raw ?? {}, environment, file);
  const result = cockpitConfigSchema.safeParse(expanded);
  if (!result.success) throw new UsageError(describeIssue(file, result.error.issues[0]));
  return {config: result.data, file};
}

/** `${NAME}` in any string value becomes the environment variable NAME (secrets stay out of files). */
function expandEnvironment(
  value: unknown,
  environment: NodeJS.ProcessEnv,
  file: string,
  at = '',
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/gi, (_match, name: string) => {
      const found = environment[name];
      if (found === undefined)
        throw new UsageError(
          `config file ${file}: ${at || 'a value'} refers to \${${name}}, which is not set`,
        );
      return found;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) =>
      expandEnvironment(item, environment, file, `${at}[${index}]`),
    );
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        expandEnvironment(item, environment, file, at ? `${at}.${key}` : key),
      ]),
    );
  }
  return value;
}

function describeIssue(file: string, issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return `config file ${file} is invalid`;
  const key = issue.path.join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${key}: ` : '';
    return `config file ${file}: ${where}unknown key ${issue.keys.map((name) => `"${name}"`).join(', ')}`;
  }
  return `config file ${file}: ${key}: ${issue.message}`;
}
