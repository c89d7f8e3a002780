import {UsageError} from '../errors';

/** A database the cockpit watches, with its secrets kept out of anything displayed. */
export type ConnectionTarget = {
  /** The full connection string, password included: only ever handed to `pg`. */
  connectionString: string;
  /** `user@host:port/database`, safe to show, journal and share. */
  label: string;
  /** Supabase's transaction pooler (port 6543) or `?pgbouncer=true`: no session state survives. */
  pooled: boolean;
};

/** Parses a `postgres://` URL; a malformed one is a usage error that says how to fix it. */
export function parseConnectionTarget(raw: string, origin = '--db'): ConnectionTarget {
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
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  return {
    connectionString: url.toString(),
    label: `${user}@${host}:${port}/${database}`,
    pooled,
  };
}
