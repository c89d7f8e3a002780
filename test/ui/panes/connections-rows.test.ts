import {describe, expect, it} from 'vitest';
import {
  groupLine,
  idleSummary,
  sessionRows,
  stateBreakdown,
} from '../../../source/ui/panes/connections-rows';
import {connectionsSnapshot, session} from './recorded-snapshots';

describe('connections rows', () => {
  it('puts every idle-in-transaction session first, oldest transaction first, then the rest once each', () => {
    const rows = sessionRows(connectionsSnapshot, {sortKey: 'duration', filter: ''});
    expect(rows.map((row) => row.id)).toEqual(['4201', '4202', '4101', '4102']);
    expect(rows[0]!.tone).toBe('status.warn');
    expect(rows[0]!.cells).toMatchObject({
      transaction: '31m40s',
      xminAge: '5321',
      state: 'idle in tx',
    });
    expect(rows[2]!.cells).toMatchObject({duration: '12m05s', wait: 'Timeout:PgSleep'});
  });

  it('sorts by the chosen key and filters over any column, never hiding idle-in-transaction', () => {
    const byPid = sessionRows(connectionsSnapshot, {sortKey: 'application', filter: ''});
    expect(byPid.slice(2).map((row) => row.cells.application)).toEqual([
      'checkout',
      'report-worker',
    ]);
    const filtered = sessionRows(connectionsSnapshot, {sortKey: 'duration', filter: 'ORDERS set'});
    expect(filtered.map((row) => row.id)).toEqual(['4201', '4202', '4102']);
    const byClient = sessionRows(connectionsSnapshot, {sortKey: 'pid', filter: '127.0.0'});
    expect(byClient).toHaveLength(4);
  });

  it('sanitises every cell of hostile sessions', () => {
    const hostile = {
      ...connectionsSnapshot,
      idleInTransaction: [],
      longRunning: [
        session({
          pid: 6,
          application: '\u001b]0;owned\u0007app',
          query: 'SELECT 1\u001b[2J\u001b[H\r\n\u202eevil',
        }),
      ],
      oldestTransactions: [],
    };
    const [row] = sessionRows(hostile, {sortKey: 'duration', filter: ''});
    for (const cell of Object.values(row!.cells))
      expect(cell).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(row!.cells.application).toBe('␛]0;owned␇app');
  });

  it('describes states, groups (with Supabase roles named) and idle transactions', () => {
    expect(stateBreakdown(connectionsSnapshot.byState).map((state) => state.text)).toEqual([
      'active 5',
      'idle 135',
      'idle in transaction 2',
    ]);
    expect(groupLine(connectionsSnapshot, 'user')).toBe(
      'by user: authenticator (PostgREST API) 100 · supabase_auth_admin (Auth (GoTrue)) 30 · postgres 12',
    );
    expect(groupLine(connectionsSnapshot, 'application')).toContain(
      'postgrest (PostgREST API) 100 · (none) 30',
    );
    expect(idleSummary(connectionsSnapshot)).toBe(
      '2 idle in transaction · oldest 31m40s · max xmin age 5321',
    );
  });
});
