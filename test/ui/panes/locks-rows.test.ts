import {describe, expect, it} from 'vitest';
import {buildBlockingChains} from '../../../source/probes/locks/blocking-chains';
import {blockingRelations, lockRows, locksHeadline} from '../../../source/ui/panes/locks-rows';
import {locksSnapshot} from './recorded-snapshots';

describe('locks rows', () => {
  it('draws each chain as a tree, longest wait first, the blocker shown as holding', () => {
    const rows = lockRows(locksSnapshot);
    expect(rows.map((row) => row.cells.pid)).toEqual([
      '4201',
      '└ 4102',
      ' └ 4103',
      '4301',
      '└ 4303',
      '4302',
      '└ 4303',
    ]);
    expect(rows[0]!.cells).toMatchObject({mode: 'holds', time: '31m40s', state: 'idle in tx'});
    expect(rows[0]!.tone).toBe('status.critical');
    expect(rows[2]!.cells).toMatchObject({
      mode: 'Exclusive',
      relation: 'accounts',
      time: '12s',
    });
    expect(rows[1]!.cells.relation).toBe('transactionid');
    expect(
      rows.every(
        (row) =>
          row.rootPid ===
          Number(
            rows.find((r) => r.depth === 0 && r.id.split(':')[0] === row.id.split(':')[0])!.session
              .pid,
          ),
      ),
    ).toBe(true);
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

  it('lists a waiter under each of its blockers but expands its own waiters once (a lock queue)', () => {
    // A queue of 8 behind pid 1: each waiter is blocked by the holder and everyone ahead of it.
    const edges: Array<[number, number]> = [];
    for (let waiter = 2; waiter <= 9; waiter++)
      for (let ahead = 1; ahead < waiter; ahead++) edges.push([ahead, waiter]);
    const [chain] = buildBlockingChains(edges, []);
    // Expanded everywhere this would be 2^8 - 1 = 255 entries; once each, 8 + the repeats.
    expect(chain!.waiters.length).toBe(edges.length);
    expect(chain!.waiterCount).toBe(8);
    const firsts = chain!.waiters.filter((waiter) => !waiter.repeated).map((waiter) => waiter.pid);
    expect(firsts).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
