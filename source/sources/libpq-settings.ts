import {readFileSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import ini from 'ini';
import {UsageError} from '../errors';

/** libpq connection keywords the cockpit understands (`application_name` is always its own). */
export type LibpqParameters = Partial<
  Record<
    | 'host'
    | 'hostaddr'
    | 'port'
    | 'dbname'
    | 'user'
    | 'password'
    | 'sslmode'
    | 'sslrootcert'
    | 'sslcert'
    | 'sslkey'
    | 'connect_timeout'
    | 'options'
    | 'service',
    string
  >
>;

const keywords = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'connect_timeout',
  'options',
  'service',
  'application_name',
]);

/** Environment variables libpq reads, by the keyword they fill. PGAPPNAME is left out on purpose. */
const environmentVariables: Array<[keyof LibpqParameters, string]> = [
  ['host', 'PGHOST'],
  ['hostaddr', 'PGHOSTADDR'],
  ['port', 'PGPORT'],
  ['dbname', 'PGDATABASE'],
  ['user', 'PGUSER'],
  ['password', 'PGPASSWORD'],
  ['sslmode', 'PGSSLMODE'],
  ['sslrootcert', 'PGSSLROOTCERT'],
  ['sslcert', 'PGSSLCERT'],
  ['sslkey', 'PGSSLKEY'],
  ['connect_timeout', 'PGCONNECT_TIMEOUT'],
  ['options', 'PGOPTIONS'],
  ['service', 'PGSERVICE'],
];

/** Variables whose presence means "watch this database" rather than "run the demo". */
const targetVariables = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSERVICE'];

/** Whether libpq's environment names a database (so no URL still means a real database). */
export function environmentNamesDatabase(environment: NodeJS.ProcessEnv): boolean {
  return targetVariables.some((name) => Boolean(environment[name]));
}

/** Whether a connection string is libpq's `key=value` form rather than a URL. */
export function isKeywordConnectionString(text: string): boolean {
  return /^\s*[a-z_]+\s*=/.test(text);
}

/**
 * Parses libpq's `key=value key='quoted value'` form. No maintained npm package parses this
 * grammar (pg-connection-string reads only URLs), and it is libpq's documented one: values
 * are bare words or single-quoted with `\'` and `\\` escapes.
 */
export function parseKeywordConnectionString(text: string, origin: string): LibpqParameters {
  const parameters: Record<string, string> = {};
  let index = 0;
  const fail = (what: string) =>
    new UsageError(
      `${origin}: ${what}`,
      'expected key=value pairs such as host=db.example.com dbname=app',
    );
  while (index < text.length) {
    while (/\s/.test(text[index] ?? '')) index += 1;
    if (index >= text.length) break;
    const keyMatch = /^([a-z_]+)\s*=\s*/.exec(text.slice(index));
    if (!keyMatch)
      throw fail(`cannot read "${text.slice(index, index + 20).replace(/=.*/, '=…')}"`);
    const key = keyMatch[1]!;
    index += keyMatch[0].length;
    let value = '';
    if (text[index] === "'") {
      index += 1;
      while (index < text.length && text[index] !== "'") {
        if (text[index] === '\\' && index + 1 < text.length) index += 1;
        value += text[index];
        index += 1;
      }
      if (text[index] !== "'") throw fail(`unterminated quote in the value of ${key}`);
      index += 1;
    } else {
      while (index < text.length && !/\s/.test(text[index]!)) {
        if (text[index] === '\\' && index + 1 < text.length) index += 1;
        value += text[index];
        index += 1;
      }
    }
    if (!keywords.has(key)) throw fail(`unknown keyword "${key}"`);
    if (key !== 'application_name') parameters[key] = value;
  }
  return parameters;
}

/** The service file libpq reads: PGSERVICEFILE, else ~/.pg_service.conf, else PGSYSCONFDIR's. */
function serviceFiles(environment: NodeJS.ProcessEnv): string[] {
  if (environment.PGSERVICEFILE) return [environment.PGSERVICEFILE];
  const home = environment.HOME || os.homedir();
  return [
    path.join(home, '.pg_service.conf'),
    ...(environment.PGSYSCONFDIR ? [path.join(environment.PGSYSCONFDIR, 'pg_service.conf')] : []),
  ];
}

/** The parameters of one service from the service file (INI, parsed by `ini`). */
export function serviceParameters(
  service: string,
  environment: NodeJS.ProcessEnv,
): LibpqParameters {
  for (const file of serviceFiles(environment)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const sections = ini.parse(text) as Record<string, unknown>;
    const section = sections[service];
    if (!section || typeof section !== 'object') continue;
    const parameters: Record<string, string> = {};
    for (const [key, value] of Object.entries(section as Record<string, unknown>)) {
      if (!keywords.has(key))
        throw new UsageError(`service file ${file}: [${service}] has unknown keyword "${key}"`);
      if (key !== 'application_name' && key !== 'service') parameters[key] = String(value);
    }
    return parameters;
  }
  throw new UsageError(
    `definition of service "${service}" not found`,
    'check PGSERVICEFILE or ~/.pg_service.conf',
  );
}

type PgPassHelper = {
  getFileName: (environment?: NodeJS.ProcessEnv) => string;
  warnTo: (stream: NodeJS.WritableStream) => unknown;
  parseLine: (line: string) => Record<string, string> | null;
  isValidEntry: (entry: Record<string, string>) => boolean;
  match: (connection: Record<string, string>, entry: Record<string, string>) => boolean;
};

/**
 * The password ~/.pgpass (or PGPASSFILE) has for this host, port, database and user, read with
 * the `pgpass` package's own parser. A group- or world-readable file is ignored, as libpq
 * does, but silently: the package's warning would be written over the full-screen view.
 */
export function pgpassPassword(
  connection: {host: string; port: string; database: string; user: string},
  environment: NodeJS.ProcessEnv,
): string | undefined {
  const helper = createRequire(import.meta.url)('pgpass/lib/helper.js') as PgPassHelper;
  // pg consults the same module when a URL has no password; its warnings must not reach the screen.
  helper.warnTo(new Writable({write: (_chunk, _encoding, done) => done()}));
  const file = helper.getFileName({...environment, HOME: environment.HOME || os.homedir()});
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile() || (stats.mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split(/\r?\n/)) {
    const entry = helper.parseLine(line);
    if (entry && helper.isValidEntry(entry) && helper.match(connection, entry))
      return entry.password;
  }
  return undefined;
}

/**
 * libpq's order: what the connection string says, then its service's (or PGSERVICE's)
 * entries, then the PG* environment, then ~/.pgpass for the password.
 */
export function resolveLibpqParameters(
  given: LibpqParameters,
  environment: NodeJS.ProcessEnv,
): LibpqParameters {
  const fromEnvironment: Record<string, string> = {};
  for (const [key, name] of environmentVariables) {
    const value = environment[name];
    if (value) fromEnvironment[key] = value;
  }
  const service = given.service ?? fromEnvironment.service;
  const fromService = service ? serviceParameters(service, environment) : {};
  const merged: LibpqParameters = {...fromEnvironment, ...fromService, ...given};
  delete merged.service;
  if (merged.password === undefined) {
    const host = merged.host ?? 'localhost';
    const user = merged.user ?? environment.USER ?? 'postgres';
    const password = pgpassPassword(
      {host, port: merged.port ?? '5432', database: merged.dbname ?? user, user},
      environment,
    );
    if (password !== undefined) merged.password = password;
  }
  return merged;
}

/**
 * A `postgres://` URL for libpq parameters, read back by pg-connection-string. A socket
 * directory goes in `?host=`; `uselibpqcompat` gives `sslmode` libpq's meaning (`require`
 * encrypts without verifying the certificate). `allow` has no equivalent in pg: it starts
 * without SSL, as libpq's `allow` first tries.
 */
export function urlFromLibpqParameters(
  parameters: LibpqParameters,
  environment: NodeJS.ProcessEnv,
): string {
  const host = parameters.hostaddr ?? parameters.host ?? 'localhost';
  const socket = host.startsWith('/');
  const user = parameters.user ?? environment.USER ?? 'postgres';
  const password = parameters.password ? `:${encodeURIComponent(parameters.password)}` : '';
  const hostPart = socket ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const port = parameters.port ? `:${parameters.port}` : '';
  const database = encodeURIComponent(parameters.dbname ?? user);
  const query = new URLSearchParams();
  if (socket) query.set('host', host);
  const sslmode = parameters.sslmode === 'allow' ? 'disable' : parameters.sslmode;
  if (sslmode) {
    query.set('sslmode', sslmode);
    query.set('uselibpqcompat', 'true');
  }
  for (const key of ['sslrootcert', 'sslcert', 'sslkey', 'options', 'connect_timeout'] as const) {
    const value = parameters[key];
    if (value) query.set(key, value);
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return `postgres://${encodeURIComponent(user)}${password}@${hostPart}${port}/${database}${search}`;
}
