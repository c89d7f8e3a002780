import {describe, expect, it} from 'vitest';
import {buildBlockingChains, type LockSession} from '../../../source/probes/locks/blocking-chains';
import {
  blockingRelations,
  lockColumns,
  lockRows,
  locksHeadline,
} from '../../../source/ui/panes/locks-rows';
import {fitColumns, formatRow} from '../../../source/ui/widgets/data-table-layout';
import {locksSnapshot, session} from './recorded-snapshots';

const lockSession = (changes: Partial<LockSession>): LockSession => ({
  ...session({}),
  lockType: null,
  mode: null,
  relation: null,
  waitSeconds: null,
  ...changes,
});

describe('locks rows', () => {
  it('draws each chain as a tree with connectors, every row saying what it waits for', () => {
    const rows = lockRows(locksSnapshot);
    expect(rows.map((row) => row.cells.pid)).toEqual([
      '4201',
      '└─ 4102',
      '   └─ 4103',
      '4301',
      '└─ 4303',
      '4302',
    ]);
    expect(rows[0]!.cells).toMatchObject({
      lock: 'root blocker, blocks 1',
      state: 'idle in tx',
      transaction: '31m40s',
    });
    expect(rows[0]!.tone).toBe('status.critical');
    expect(rows[1]!.cells).toMatchObject({
      lock: 'ShareLock on transactionid held by 4201',
      time: '40s',
    });
    expect(rows[2]!.cells.lock).toBe('ExclusiveLock on a row of accounts held by 4102');
    // The migration waits on both readers: listed once, under one, the other one counted.
    expect(rows[4]!.cells.lock).toBe('AccessExclusiveLock on reports (+1 more blocker)');
    expect(rows[5]!.cells.lock).toBe('root blocker, blocks 1 (4303 listed under another)');
    expect(rows.every((row) => row.rootPid === Number(row.id.split(':')[1]))).toBe(true);
  });

  it('reads a lock queue in order, each session once, with ├─ │ └─ for siblings', () => {
    // 1 holds a table; 2 and 3 wait on it directly; 4 queues behind 1, 2 and 3; 5 waits on 2.
    const edges: Array<[number, number]> = [
      [1, 2],
      [1, 3],
      [1, 4],
      [2, 4],
      [3, 4],
      [2, 5],
    ];
    const sessions = [1, 2, 3, 4, 5].map((pid) =>
      lockSession({
        pid,
        lockType: 'relation',
        mode: 'AccessExclusiveLock',
        relation: 'orders',
        waitSeconds: 10 - pid,
      }),
    );
    const rows = lockRows({
      waiting: 4,
      longestWaitSeconds: 8,
      edges,
      chains: buildBlockingChains(edges, sessions),
    });
    expect(rows.map((row) => row.cells.pid)).toEqual(['1', '├─ 2', '│  ├─ 4', '│  └─ 5', '└─ 3']);
    expect(rows[2]!.cells.lock).toBe('AccessExclusiveLock on orders (+2 more blockers)');
    expect(new Set(rows.map((row) => row.session.pid)).size).toBe(rows.length);
  });

  it('keeps a queue of 8 behind one holder to 9 rows (no repeats, no factorial blow-up)', () => {
    const edges: Array<[number, number]> = [];
    for (let waiter = 2; waiter <= 9; waiter++)
      for (let ahead = 1; ahead < waiter; ahead++) edges.push([ahead, waiter]);
    const [chain] = buildBlockingChains(edges, []);
    expect(chain!.waiters.map((waiter) => waiter.pid)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    // Each queued behind the one just ahead, the rest counted.
    expect(chain!.waiters.map((waiter) => waiter.blockedBy)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(chain!.waiters.at(-1)!.otherBlockers).toHaveLength(7);
  });

  it('never cuts what a row waits for, even in a narrow pane', () => {
    const rows = lockRows(locksSnapshot);
    const columns = fitColumns(lockColumns(rows), 56);
    const lines = rows.map((row) => formatRow(columns, row.cells));
    expect(lines[1]).toContain('ShareLock on transactionid held by 4201');
    expect(lines.join('\n')).not.toContain('transaction…');
  });

  it('sums up the pane in its title and finds whom a session blocks and waits on', () => {
    expect(locksHeadline(locksSnapshot)).toBe('3 waiting · longest 40s');
    expect(blockingRelations(locksSnapshot, 4102)).toEqual({blocks: [4103], waitsOn: [4201]});
    expect(blockingRelations(locksSnapshot, 4303)).toEqual({blocks: [], waitsOn: [4301, 4302]});
  });

  it('starts a lock cycle from its lowest pid instead of losing it', () => {
    const chains = buildBlockingChains(
      [
        [7, 8],
        [8, 7],
      ],
      [],
    );
    expect(chains).toHaveLength(1);
    expect(chains[0]!.blockerPid).toBe(7);
    expect(chains[0]!.waiters.map((waiter) => waiter.pid)).toEqual([8]);
  });
});
