import {describe, expect, it} from 'vitest';
import {
  describeApplication,
  describeUser,
  labelGroupKey,
} from '../../source/probes/connections/client-roles';
import {fillSqlLimits} from '../../source/probes/sql-limits';

describe('Supabase roles and poolers', () => {
  it('names the usual roles and application names', () => {
    expect(describeUser('authenticator')).toBe('PostgREST API');
    expect(describeUser('supabase_admin')).toBe('Supabase admin');
    expect(describeUser('supabase_auth_admin')).toBe('Auth (GoTrue)');
    expect(describeUser('supabase_storage_admin')).toBe('Storage API');
    expect(describeUser('pgbouncer')).toBe('PgBouncer');
    expect(describeApplication('Supavisor')).toBe('Supavisor pooler');
    expect(describeApplication('postgrest')).toBe('PostgREST API');
    expect(describeUser('shop_owner')).toBeUndefined();
  });

  it('labels group keys, leaving unknown ones alone', () => {
    expect(labelGroupKey('user', 'authenticator')).toBe('authenticator (PostgREST API)');
    expect(labelGroupKey('application', 'pgbouncer')).toBe('pgbouncer (PgBouncer)');
    expect(labelGroupKey('application', '')).toBe('(none)');
    expect(labelGroupKey('database', 'postgres')).toBe('postgres');
  });
});

describe('probe SQL limits', () => {
  it('fills whole numbers only, and every placeholder', () => {
    expect(fillSqlLimits('LIMIT {{rows}}', {rows: 50})).toBe('LIMIT 50');
    expect(() => fillSqlLimits('LIMIT {{rows}}', {rows: 1.5})).toThrow('whole number');
    expect(() => fillSqlLimits('LIMIT {{rows}}', {})).toThrow('no value for {{rows}}');
  });
});
