import YAML from 'yaml';
import type {z} from 'zod';
import {UsageError} from '../errors';
import {type CockpitConfig, cockpitConfigSchema} from './cockpit-config';

/** A configuration file's text, parsed (JSON or YAML by its name), expanded and validated. */
export function parseConfigText(
  text: string,
  file: string,
  environment: NodeJS.ProcessEnv,
): CockpitConfig {
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
  return result.data;
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
