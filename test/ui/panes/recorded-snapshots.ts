import type {ConnectionsSnapshot} from '../../../source/probes/connections/connections-probe';
import {buildBlockingChains, type LockSession} from '../../../source/probes/locks/blocking-chains';
import type {LocksSnapshot} from '../../../source/probes/locks/locks-probe';
import type {SessionInfo} from '../../../source/probes/session-info';
import type {CockpitStore} from '../../../source/store/cockpit-store';

// Recorded from the probes on PostgreSQL 17 (test/probes), trimmed to what the panes use.
const base: SessionInfo = {
  pid: 0,
  user: 'postgres',
  application: 'app',
  client: '127.0.0.1',
  database: 'shop',
  backendType: 'client backend',
  state: 'active',
  waitEventType: null,
  waitEvent: null,
  backendStart: '2026-11-26T12:44:20.784451+00:00',
  xactStart: '2026-11-26T12:44:20.792898+00:00',
  queryStart: '2026-11-26T12:44:20.79308+00:00',
  stateChange: '2026-11-26T12:44:20.79308+00:00',
  durationSeconds: 10.159046,
  transactionSeconds: 10.159228,
  stateSeconds: 10.1,
  xminAge: null,
  queryId: null,
  leaderPid: null,
  query: 'SELECT 1',
};

/** A session like the probe returns, with `changes` applied. */
export function session(changes: Partial<SessionInfo>): SessionInfo {
  return {...base, ...changes};
}

const report = session({
  pid: 4101,
  application: 'report-worker',
  durationSeconds: 725,
  transactionSeconds: 725,
  waitEventType: 'Timeout',
  waitEvent: 'PgSleep',
  query: 'SELECT pg_sleep(900) /* nightly report */',
});
const checkout = session({
  pid: 4102,
  application: 'checkout',
  durationSeconds: 40,
  transactionSeconds: 40,
  waitEventType: 'Lock',
  waitEvent: 'transactionid',
  query: 'UPDATE orders SET status = $1 WHERE id = $2',
});
const leak = session({
  pid: 4201,
  application: 'leaky-worker',
  state: 'idle in transaction',
  transactionSeconds: 1900,
  stateSeconds: 1890,
  xminAge: 5321,
  query: 'UPDATE accounts SET balance = 1 WHERE id = 1',
});
const admin = session({
  pid: 4202,
  application: 'admin-console',
  state: 'idle in transaction',
  transactionSeconds: 65,
  stateSeconds: 60,
  xminAge: 12,
  query: 'SELECT * FROM orders FOR UPDATE',
});
/** Plain idle pool connections of the API: the classic leak, one idle for 20 minutes. */
const pooled = [4301, 4302, 4303].map((pid, index) =>
  session({
    pid,
    user: 'authenticator',
    application: 'postgrest',
    state: 'idle',
    xactStart: null,
    durationSeconds: 1200 - index * 500,
    transactionSeconds: null,
    stateSeconds: 1200 - index * 500,
    waitEventType: 'Client',
    waitEvent: 'ClientRead',
    query: 'SELECT id FROM campaigns WHERE id = 1',
  }),
);

/** A connections snapshot with a report running, two leaked transactions, idle pool sessions and a waiting update. */
export const connectionsSnapshot: ConnectionsSnapshot = {
  readAt: Date.parse('2026-11-26T12:49:20.8Z'),
  total: 142,
  backends: 143,
  max: 200,
  reserved: 3,
  byState: {active: 5, idle: 135, 'idle in transaction': 2},
  groups: {
    application: [
      {
        key: 'postgrest',
        sessions: 100,
        active: 2,
        idle: 98,
        idleInTransaction: 0,
        other: 0,
        oldestTransactionSeconds: 3,
      },
      {
        key: '',
        sessions: 30,
        active: 1,
        idle: 29,
        idleInTransaction: 0,
        other: 0,
        oldestTransactionSeconds: null,
      },
      {
        key: 'report-worker',
        sessions: 12,
        active: 2,
        idle: 8,
        idleInTransaction: 2,
        other: 0,
        oldestTransactionSeconds: 1900,
      },
    ],
    user: [
      {key: 'authenticator', sessions: 100},
      {key: 'supabase_auth_admin', sessions: 30},
      {key: 'postgres', sessions: 12},
    ],
    clientAddress: [{key: '10.0.0.7', sessions: 142}],
    database: [{key: 'shop', sessions: 142}],
    waitEventType: [
      {key: 'Client', sessions: 137},
      {key: 'Lock', sessions: 3},
      {key: 'none', sessions: 2},
    ],
  },
  sessions: [leak, admin, report, checkout, ...pooled],
  longRunning: [report, checkout],
  oldestTransactions: [leak, report],
  idleInTransaction: [admin, leak],
};

function lockSession(changes: Partial<LockSession>): LockSession {
  return {...base, lockType: null, mode: null, relation: null, waitSeconds: null, ...changes};
}

const lockSessions = [
  lockSession({
    pid: 4201,
    state: 'idle in transaction',
    application: 'leaky-worker',
    query: 'UPDATE accounts SET balance = 1 WHERE id = 1',
    transactionSeconds: 1900,
  }),
  lockSession({
    pid: 4102,
    application: 'checkout',
    waitEventType: 'Lock',
    waitEvent: 'transactionid',
    lockType: 'transactionid',
    mode: 'ShareLock',
    waitSeconds: 40,
    query: 'UPDATE accounts SET balance = 2 WHERE id = 1',
  }),
  lockSession({
    pid: 4103,
    application: 'checkout',
    waitEventType: 'Lock',
    waitEvent: 'tuple',
    lockType: 'tuple',
    mode: 'ExclusiveLock',
    relation: 'accounts',
    waitSeconds: 12,
    query: 'UPDATE accounts SET balance = 3 WHERE id = 1',
  }),
  lockSession({
    pid: 4301,
    application: 'reader',
    state: 'idle in transaction',
    query: 'LOCK TABLE reports IN ACCESS SHARE MODE',
  }),
  lockSession({
    pid: 4302,
    application: 'reader',
    state: 'idle in transaction',
    query: 'LOCK TABLE reports IN ACCESS SHARE MODE',
  }),
  lockSession({
    pid: 4303,
    application: 'migrator',
    waitEventType: 'Lock',
    waitEvent: 'relation',
    lockType: 'relation',
    mode: 'AccessExclusiveLock',
    relation: 'reports',
    waitSeconds: 5,
    query: 'ALTER TABLE reports ADD COLUMN x int',
  }),
];
const lockEdges: Array<[number, number]> = [
  [4201, 4102],
  [4102, 4103],
  [4301, 4303],
  [4302, 4303],
];

/** Two chains: a leaked transaction blocking two updates, and two readers blocking a migration. */
export const locksSnapshot: LocksSnapshot = {
  waiting: 3,
  longestWaitSeconds: 40,
  edges: lockEdges,
  chains: buildBlockingChains(lockEdges, lockSessions),
};

type RecordArguments = Parameters<ReturnType<CockpitStore['getState']>['recordProbeOutcome']>;

/** Puts `data` in the store as a probe's fresh, successful result, as a refresh would. */
export function recordFreshOutcome(
  store: CockpitStore,
  probeId: RecordArguments[0],
  data: unknown,
): void {
  const now = Date.now();
  store.getState().recordProbeOutcome(probeId, {
    ok: true,
    data,
    startedAt: now,
    fetchedAt: now,
    durationMs: 1,
  } as RecordArguments[1]);
}
