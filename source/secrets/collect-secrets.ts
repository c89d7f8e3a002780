import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import type {CockpitConfig} from '../config/cockpit-config';
import {loadConfig} from '../config/load-config';
import {secretsOfConnectionString} from '../text/redact-secrets';

/** Where the secrets a process knows come from, besides its environment. */
export type SecretSources = {
  environment: NodeJS.ProcessEnv;
  /** Connection strings in use (`--db`, the demo's URL); DATABASE_URL is read from the environment. */
  connectionStrings?: readonly string[];
  /** The configuration as loaded; without it, read from `configPath`. */
  config?: CockpitConfig;
  /** `--config`; the default search path is used without it. */
  configPath?: string;
  /** Values the caller already holds (the application settings' keys and header values). */
  values?: readonly string[];
};

/**
 * Every secret value this process can know of: the database passwords (`--db`, `DATABASE_URL`,
 * the config file's URL, `PGPASSWORD`, every password in the `.pgpass` file), the service-role key,
 * and every header value and secret-named setting of the configuration file.
 */
export async function collectSecrets(sources: SecretSources): Promise<string[]> {
  const {environment} = sources;
  const found = new Set<string>(sources.values ?? []);
  const urls = [...(sources.connectionStrings ?? []), environment.DATABASE_URL ?? ''];
  try {
    const config =
      sources.config ?? (await loadConfig({explicitPath: sources.configPath, environment})).config;
    for (const value of secretsInConfig(config)) found.add(value);
    if (config.database?.url) urls.push(config.database.url);
  } catch {
    // A broken configuration is the run command's to report; its secrets are unknown then.
  }
  for (const url of urls) for (const secret of secretsOfConnectionString(url)) found.add(secret);
  for (const name of ['PGPASSWORD', 'SUPABASE_SERVICE_ROLE_KEY']) {
    const value = environment[name];
    if (value) found.add(value);
  }
  for (const password of pgpassPasswords(environment)) found.add(password);
  return [...found];
}

const secretKey = /(password|passwd|secret|token|api[_-]?key|service[_-]?role[_-]?key)/i;

/** Header values and secret-named string settings anywhere in a configuration object. */
export function secretsInConfig(config: unknown, insideHeaders = false): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'string') {
      if (insideHeaders || secretKey.test(key)) found.push(...headerSecrets(value));
    } else found.push(...secretsInConfig(value, key === 'headers'));
  }
  return found;
}

/** A header value, and its token alone for `Bearer <token>` / `Basic <credentials>`. */
function headerSecrets(value: string): string[] {
  const parts = value.trim().split(/\s+/);
  return parts.length > 1 ? [value, ...parts.slice(1)] : [value];
}

/**
 * The passwords of libpq's password file (`PGPASSFILE`, else `~/.pgpass`): all of them, not only
 * the entry that matches the database in use, since any of them on screen would be a leak.
 */
export function pgpassPasswords(environment: NodeJS.ProcessEnv): string[] {
  const path = environment.PGPASSFILE || join(environment.HOME || homedir(), '.pgpass');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const passwords: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const fields = splitPgpassLine(line.replace(/\r$/, ''));
    if (fields.length === 5 && fields[4]) passwords.push(fields[4]);
  }
  return passwords;
}

/** hostname:port:database:username:password, where `\:` and `\\` are escapes. */
function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (character === '\\' && index + 1 < line.length) field += line[++index];
    else if (character === ':' && fields.length < 4) {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}
