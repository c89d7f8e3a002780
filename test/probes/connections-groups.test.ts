import {afterAll, describe, expect, it} from 'vitest';
import {connectionsProbe, connectionsSql} from '../../source/probes/connections/connections-probe';
import {groupLimit, groupSessions} from '../../source/probes/connections/session-groups';
import type {SessionInfo} from '../../source/probes/session-info';
import {createTestDatabase} from '../helpers/database';
import {connectProbeContext} from './probe-context';

const database = await createTestDatabase();
const context = await connectProbeContext(database.url, 50);
const {lifeline} = context;

// More applications than the groups keep (the rest fold into "(other)"), ties among them, idle
// and idle-in-transaction sessions, and names whose order depends on the collation.
const names = [
  ...Array.from({length: groupLimit + 4}, (_, index) => `worker-${String(index).padStart(2, '0')}`),
  'Zeta',
  'alpha',
  'alpha',
  'alpha',
  'Beta',
  'beta',
];
const clients = await Promise.all(names.map((name) => database.connect(name)));
for (const [index, client] of clients.entries()) {
  if (index % 3 === 0) {
    await client.query('BEGIN');
    await client.query('SELECT txid_current()');
  } else await client.query('SELECT 1');
}
afterAll(() => Promise.all(clients.map((client) => client.end())));

type Row = SessionInfo & {
  position: number | null;
  total: number | null;
  by_state: Record<string, number> | null;
  groups: Record<string, unknown> | null;
};

describe('connection groups', () => {
  it('grouped by the cockpit equal the server’s groups of the same sessions', async () => {
    // One read in which the server groups too (it does so by itself only for a cut list),
    // so both groupings see the same sessions, other test files' included.
    const sql = connectionsSql(lifeline.serverVersion ?? 0, 50, 0);
    const {rows} = await lifeline.read<Row>(sql, {values: [null]});
    const summary = rows[0]!;
    const sessions = rows.filter((row) => row.position !== null);
    expect(sessions.length).toBeGreaterThan(names.length);
    const grouped = groupSessions(sessions);
    expect(grouped.total).toBe(summary.total);
    expect(grouped.byState).toEqual(summary.by_state);
    expect(grouped.groups).toEqual(summary.groups);
    expect(grouped.groups.application.length).toBe(groupLimit + 1);
    expect(grouped.groups.application.map((group) => group.key)).toContain('(other)');
  });

  it('leaves the grouping of a whole list to the cockpit', async () => {
    const sql = connectionsSql(lifeline.serverVersion ?? 0, 50);
    const {rows} = await lifeline.read<Row>(sql, {values: [null]});
    expect(rows[0]).toMatchObject({total: null, by_state: null, groups: null});
    const snapshot = await connectionsProbe.run(context);
    const alpha = snapshot.groups.application?.find((group) => group.key === 'alpha');
    expect(alpha).toMatchObject({sessions: 3});
    expect(snapshot.total).toBe(snapshot.sessions.length);
  });
});
