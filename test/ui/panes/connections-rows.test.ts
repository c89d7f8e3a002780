import {describe, expect, it} from 'vitest';
import {idleSessionsOlderThan, idleSweepRequest} from '../../../source/actions/idle-session-sweep';
import {planCancel} from '../../../source/actions/session-signals';
import {saturationOf} from '../../../source/ui/panes/ConnectionsGauge';
import {
  groupedRows,
  groupLine,
  idleSummary,
  sessionCells,
  sessionColumns,
  sessionRows,
  stateBreakdown,
  withSortIndicator,
} from '../../../source/ui/panes/connections-rows';
import {windowLabel} from '../../../source/ui/widgets/window-label';
import {connectionsSnapshot, session} from './recorded-snapshots';

const ids = (rows: ReadonlyArray<{id: string}>) => rows.map((row) => row.id);

describe('connections rows', () => {
  it("shows an idle age in whole seconds and an active query's duration to the millisecond", () => {
    const justIdle = session({pid: 1, state: 'idle', stateSeconds: 0.001, durationSeconds: null});
    expect(sessionCells(justIdle).idle).toBe('0s');
    const quick = session({pid: 2, state: 'active', durationSeconds: 0.137});
    expect(sessionCells(quick).duration).toBe('137ms');
  });

  it('lists every session, plain idle ones too, sorted by the chosen key with no row pinned', () => {
    const byTransaction = sessionRows(connectionsSnapshot, {sortKey: 'transaction', filter: ''});
    // Idle pool sessions have no transaction: they come last, by pid.
    expect(ids(byTransaction)).toEqual(['4201', '4101', '4202', '4102', '4301', '4302', '4303']);
    expect(byTransaction[0]!.tone).toBe('status.warn');
    expect(byTransaction[0]!.cells).toMatchObject({
      transaction: '31m40s',
      xminAge: '5321',
      state: 'idle in tx',
    });
    const byIdle = sessionRows(connectionsSnapshot, {sortKey: 'idle', filter: ''});
    expect(ids(byIdle).slice(0, 3)).toEqual(['4201', '4301', '4302']);
    expect(byIdle[1]!.cells).toMatchObject({idle: '20m00s', state: 'idle', duration: ''});
    // Sorting by duration puts running queries first; idle-in-transaction sessions are not pinned.
    const byDuration = sessionRows(connectionsSnapshot, {sortKey: 'duration', filter: ''});
    expect(ids(byDuration).slice(0, 2)).toEqual(['4101', '4102']);
  });

  it('filters every row, idle-in-transaction ones included', () => {
    expect(ids(sessionRows(connectionsSnapshot, {sortKey: 'pid', filter: 'checkout'}))).toEqual([
      '4102',
    ]);
    expect(ids(sessionRows(connectionsSnapshot, {sortKey: 'pid', filter: 'ORDERS'}))).toEqual([
      '4102',
      '4202',
    ]);
    expect(sessionRows(connectionsSnapshot, {sortKey: 'pid', filter: 'campaigns'})).toHaveLength(3);
  });

  it('marks the sorted column in the header', () => {
    const titles = withSortIndicator(sessionColumns, 'idle').map((column) => column.title);
    expect(titles).toContain('IDLE▼');
    expect(withSortIndicator(sessionColumns, 'user').map((c) => c.title)).toContain('USER▲');
  });

  it('groups rows by a dimension with counts by state, opening a group lists its sessions', () => {
    const closed = groupedRows(connectionsSnapshot, {
      dimension: 'application',
      expanded: new Set(),
      sortKey: 'idle',
      filter: '',
    });
    expect(ids(closed)).toEqual(['group:postgrest', 'group:', 'group:report-worker']);
    expect(closed[0]!.cells).toMatchObject({
      key: '▸ postgrest (PostgREST API)',
      sessions: '100',
      active: '2',
      idle: '98',
      oldest: '3s',
    });
    expect(closed[2]!.cells).toMatchObject({idleInTransaction: '2', oldest: '31m40s'});
    const open = groupedRows(connectionsSnapshot, {
      dimension: 'application',
      expanded: new Set(['group:postgrest']),
      sortKey: 'idle',
      filter: '',
    });
    expect(open[0]!.cells.key).toBe('▾ postgrest (PostgREST API)');
    expect(ids(open.slice(1, 4))).toEqual([
      'group:postgrest:4301',
      'group:postgrest:4302',
      'group:postgrest:4303',
    ]);
    expect(open[1]!.cells.key).toMatch(/4301 idle +20m00s {2}SELECT id FROM campaigns/);
    // 100 sessions counted by the server, three listed: the rest are said to exist.
    expect(open[4]!.cells.key).toContain('97 more not listed');
    expect(open[1]!.session?.pid).toBe(4301);
    expect(open[0]!.session).toBeUndefined();
  });

  it('says where the window is and that more rows are below', () => {
    expect(windowLabel(0, 8, 140)).toBe('1–8 of 140 ↓ more below');
    expect(windowLabel(132, 8, 140)).toBe('133–140 of 140');
    expect(windowLabel(0, 8, 3)).toBe('1–3 of 3');
  });

  it('cleans the text of a session only when its row is drawn, not for every listed session', () => {
    let reads = 0;
    const counted = connectionsSnapshot.sessions.map((listed) => {
      const copy = {...listed};
      Object.defineProperty(copy, 'query', {
        get: () => {
          reads += 1;
          return listed.query;
        },
      });
      return copy;
    });
    const rows = sessionRows(
      {...connectionsSnapshot, sessions: counted},
      {sortKey: 'transaction', filter: ''},
    );
    expect(rows).toHaveLength(counted.length);
    expect(reads).toBe(0);
    void rows[0]!.cells.query;
    void rows[0]!.cells.user;
    expect(reads).toBe(1);
  });

  it('sanitises every cell of hostile sessions', () => {
    const hostile = {
      ...connectionsSnapshot,
      sessions: [
        session({
          pid: 6,
          application: '\u001b]0;owned\u0007app',
          query: 'SELECT 1\u001b[2J\u001b[H\r\n\u202eevil',
        }),
      ],
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
    expect(idleSummary(connectionsSnapshot)).toBe(
      '2 idle in transaction · oldest 31m40s · max xmin age 5321',
    );
  });
});

describe('connection actions built from rows', () => {
  it('has no query to cancel on an idle-in-transaction session and offers terminate', () => {
    const idle = connectionsSnapshot.idleInTransaction;
    const plan = planCancel([idle[1]!]);
    expect(plan.sessions).toEqual([]);
    expect(plan.message).toBe(
      'pid 4201 is idle in transaction: there is no query to cancel. K terminates it, which rolls the open transaction back.',
    );
    const mixed = planCancel([idle[0]!, connectionsSnapshot.longRunning[0]!]);
    expect(mixed.sessions.map((s) => s.pid)).toEqual([4101]);
    expect(mixed.message).toContain('cancelling only the 1 running');
  });

  it('previews a group sweep: idle sessions older than N minutes, rechecked by the server', () => {
    const pooled = connectionsSnapshot.sessions.filter((s) => s.application === 'postgrest');
    expect(idleSessionsOlderThan(pooled, 10).map((s) => s.pid)).toEqual([4301, 4302]);
    const request = idleSweepRequest('postgrest', idleSessionsOlderThan(pooled, 10), 10);
    expect(request.summary).toBe('terminate 2 idle sessions of postgrest idle longer than 10m');
    expect(request.confirmationWord).toBe('terminate');
    expect(request.statements[0]).toContain(
      "WHERE a.state = 'idle' AND a.state_change < now() - interval '10 minutes'",
    );
    expect(request.statements[0]).toContain("a.pid = 4301 AND a.backend_start = '2026-11-26");
    expect(() => idleSweepRequest('postgrest', [], 10)).toThrow(/no idle session/);
  });

  it('counts every backend against the usable slots and says FULL when none is left', () => {
    expect(saturationOf(connectionsSnapshot)).toMatchObject({used: 143, usable: 197});
    expect(saturationOf({...connectionsSnapshot, backends: 197}).full).toBe(
      'FULL: only the 3 reserved slots left',
    );
    expect(saturationOf({...connectionsSnapshot, backends: 200}).full).toBe('FULL: no slot left');
    expect(saturationOf({...connectionsSnapshot, backends: 196}).full).toBeUndefined();
  });
});
