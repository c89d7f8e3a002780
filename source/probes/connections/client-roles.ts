/** Who a connection belongs to, as an on-call reads a Supabase project: role and pooler names. */
const knownUsers: Record<string, string> = {
  authenticator: 'PostgREST API',
  supabase_admin: 'Supabase admin',
  supabase_auth_admin: 'Auth (GoTrue)',
  supabase_storage_admin: 'Storage API',
  supabase_realtime_admin: 'Realtime',
  supabase_replication_admin: 'replication',
  supabase_functions_admin: 'Edge Functions',
  pgbouncer: 'PgBouncer',
  supavisor: 'Supavisor pooler',
};

const knownApplications: Array<[RegExp, string]> = [
  [/^postgrest/i, 'PostgREST API'],
  [/^supavisor/i, 'Supavisor pooler'],
  [/^pgbouncer/i, 'PgBouncer'],
  [/^realtime/i, 'Realtime'],
  [/^(gotrue|auth)$/i, 'Auth (GoTrue)'],
  [/^storage/i, 'Storage API'],
  [/^pg_net/i, 'pg_net'],
  [/^incident-cockpit$/, 'this cockpit'],
];

/** What a role name means on Supabase, if it is one of the usual ones. */
export function describeUser(user: string | null | undefined): string | undefined {
  return user ? knownUsers[user] : undefined;
}

/** What an application_name means on Supabase, if it is one of the usual ones. */
export function describeApplication(application: string | null | undefined): string | undefined {
  if (!application) return undefined;
  return knownApplications.find(([pattern]) => pattern.test(application))?.[1];
}

/** A group key with its meaning: `authenticator (PostgREST API)`, `(none)` for an empty name. */
export function labelGroupKey(dimension: string, key: string): string {
  if (key === '') return '(none)';
  const meaning =
    dimension === 'user'
      ? describeUser(key)
      : dimension === 'application'
        ? describeApplication(key)
        : undefined;
  return meaning && meaning !== key ? `${key} (${meaning})` : key;
}
