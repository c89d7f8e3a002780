import {afterAll, describe, expect, it} from 'vitest';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import {groupLimit, groupSessions} from '../../source/probes/connections/session-groups';
import {createTestDatabase} from '../helpers/database';
import {connectProbeContext} from './probe-context';

const database = await createTestDatabase();
const context = await connectProbeContext(database.url, 50);

// More applications than the groups keep (the rest fold into "(other)"), ties among them, idle
// and idle-in-transaction sessions, and names whose order depends on the collation.
const workers = Array.from(
  {length: groupLimit + 4},
  (_, index) => `worker-${String(index).padStart(2, '0')}`,
);
const names = [...workers, 'Zeta', 'alpha', 'alpha', 'alpha', 'Beta', 'beta'];
const clients = await Promise.all(names.map((name) => database.connect(name)));
for (const [index, client] of clients.entries()) {
  if (index % 3 === 0) {
    await client.query('BEGIN');
    await client.query('SELECT txid_current()');
  } else await client.query('SELECT 1');
}
afterAll(() => Promise.all(clients.map((client) => client.end())));

describe('connection groups', () => {
  it('ranks keys by sessions, ties in code-unit order, and folds the rest into (other)', async () => {
    const snapshot = await connectionsProbe.run(context);
    // Other test files share the server: group this file's sessions only.
    const ours = snapshot.sessions.filter((session) => names.includes(session.application ?? ''));
    expect(ours).toHaveLength(names.length);
    const {groups, byState, total} = groupSessions(ours);
    expect(total).toBe(names.length);
    const inTransaction = names.filter((_, index) => index % 3 === 0).length;
    expect(byState).toEqual({
      'idle in transaction': inTransaction,
      idle: names.length - inTransaction,
    });
    // alpha has three sessions; every other name one, so code-unit order decides: capitals
    // first, as COLLATE "C" would and a linguistic collation would not.
    const ranked = ['alpha', 'Beta', 'Zeta', 'beta', ...workers];
    const folded = names.length - 3 - (groupLimit - 1);
    // The fold is a group like any other, ranked by its sessions: more than alpha's here.
    expect(folded).toBeGreaterThan(3);
    expect(groups.application.map((group) => group.key)).toEqual([
      '(other)',
      ...ranked.slice(0, groupLimit),
    ]);
    expect(groups.application[0]!.sessions).toBe(folded);
    expect(groups.application.reduce((sum, group) => sum + group.sessions, 0)).toBe(names.length);
    const alpha = groups.application[1]!;
    expect(alpha).toMatchObject({sessions: 3, active: 0});
    expect(alpha.idle! + alpha.idleInTransaction!).toBe(3);
    // worker-00 opened a transaction: its group carries the transaction's age.
    const firstWorker = groups.application.find((group) => group.key === 'worker-00')!;
    expect(firstWorker).toMatchObject({sessions: 1, idleInTransaction: 1});
    expect(firstWorker.oldestTransactionSeconds).toBeGreaterThanOrEqual(0);
    expect(groups.database).toEqual([
      expect.objectContaining({key: database.name, sessions: names.length}),
    ]);
  });

  it('groups every session of the snapshot, its totals agreeing with the list', async () => {
    const snapshot = await connectionsProbe.run(context);
    expect(snapshot.total).toBe(snapshot.sessions.length);
    expect(snapshot.backends).toBe(snapshot.total + 1);
    const counted = Object.values(snapshot.byState).reduce((sum, count) => sum + count, 0);
    expect(counted).toBe(snapshot.total);
    for (const dimension of Object.values(snapshot.groups))
      expect(dimension.reduce((sum, group) => sum + group.sessions, 0)).toBe(snapshot.total);
  });
});
