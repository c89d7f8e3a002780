import {UsageError} from '../errors';
import {
  environmentNamesDatabase,
  isKeywordConnectionString,
  parseKeywordConnectionString,
  resolveLibpqParameters,
  urlFromLibpqParameters,
} from './libpq-settings';

/** A database the cockpit watches, with its secrets kept out of anything displayed. */
export type ConnectionTarget = {
  /** The full connection string, password included: only ever handed to `pg`. */
  connectionString: string;
  /** `user@host:port/database`, safe to show, journal and share. */
  label: string;
  /** Supabase's transaction pooler (port 6543) or `?pgbouncer=true`: no session state survives. */
  pooled: boolean;
};

/**
 * Parses a `postgres://` URL or a libpq `key=value` string (completed from the PG* variables,
 * the service file and ~/.pgpass, as libpq would); a malformed one is a usage error that says
 * how to fix it.
 */
export function parseConnectionTarget(
  raw: string,
  origin = '--db',
  environment: NodeJS.ProcessEnv = {},
): ConnectionTarget {
  if (isKeywordConnectionString(raw)) {
    const parameters = resolveLibpqParameters(
      parseKeywordConnectionString(raw, origin),
      environment,
    );
    return parseConnectionTarget(urlFromLibpqParameters(parameters, environment), origin);
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(
      `${origin} is not a valid database URL`,
      'expected postgres://user:password@host:5432/database',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    // Only the scheme is quoted: the rest of the URL may hold a password.
    const scheme = url.protocol.replace(/:$/, '').replace(/[^a-z0-9+.-]/gi, '');
    throw new UsageError(
      `${origin} must be a PostgreSQL URL starting with postgres:// or postgresql:// (got a ${scheme}:// URL)`,
      'the cockpit watches PostgreSQL only: pass postgres://user:password@host:5432/database',
    );
  }
  if (!url.hostname && !url.searchParams.get('host')) {
    throw new UsageError(
      `${origin} has no host`,
      'expected postgres://user:password@host:5432/database',
    );
  }
  const port = url.port || '5432';
  const pooled = port === '6543' || url.searchParams.get('pgbouncer') === 'true';
  // pg does not understand ?pgbouncer=true (a Prisma convention): keep it out of the connection string.
  url.searchParams.delete('pgbouncer');
  const user = decodeURIComponent(url.username || 'postgres');
  const database = decodeURIComponent(url.pathname.replace(/^\//, '') || user);
  const host = url.searchParams.get('host') || url.hostname || 'localhost';
  return {
    connectionString: url.toString(),
    label: `${user}@${host}:${port}/${database}`,
    pooled,
  };
}

/** Where the database to watch came from, in the order the cockpit looks. */
export type TargetOrigin =
  | '--db'
  | 'DATABASE_URL'
  | 'database.url in the config file'
  | 'PG* environment';

/**
 * The database named by `--db`, else `DATABASE_URL`, else the config file's `database.url`,
 * else libpq's environment (PGHOST, PGSERVICE, …); undefined when none names one.
 */
export function resolveConnectionTarget(
  sources: {flag?: string; configUrl?: string},
  environment: NodeJS.ProcessEnv,
): (ConnectionTarget & {origin: TargetOrigin}) | undefined {
  const candidates: Array<[string | undefined, TargetOrigin]> = [
    [sources.flag, '--db'],
    [environment.DATABASE_URL, 'DATABASE_URL'],
    [sources.configUrl, 'database.url in the config file'],
  ];
  for (const [raw, origin] of candidates)
    if (raw) return {...parseConnectionTarget(raw, origin, environment), origin};
  if (!environmentNamesDatabase(environment)) return undefined;
  const parameters = resolveLibpqParameters({}, environment);
  return {
    ...parseConnectionTarget(urlFromLibpqParameters(parameters, environment), 'PG* environment'),
    origin: 'PG* environment',
  };
}
