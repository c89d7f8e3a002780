// Benchmark of the connections and locks probes on a busy server: 500 client connections and 50
// sessions waiting in lock chains on an embedded PostgreSQL. Prints, per refresh (both probes),
// with the sessions settled, with 400 of them busy between refreshes, and for a first read:
// server time from pg_stat_statements (execution and planning), client CPU, rows and bytes
// received. Figures, never pass/fail. Run bundled: esbuild (.sql as text), then node.
import pg from 'pg';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import {locksProbe} from '../../source/probes/locks/locks-probe';
import type {ProbeContext, ProbeDefinition} from '../../source/probes/probe-types';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';

const clientCount = 500;
const chains = 10;
const waitersPerChain = 5;
const refreshes = 50;

const server = await startEmbeddedServer({
  maxConnections: 600,
  settings: {
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track_planning': 'on',
    shared_buffers: '64MB',
  },
});
const clients: pg.Client[] = [];
const pending: Array<Promise<unknown>> = [];
try {
  const admin = new pg.Client({connectionString: server.connectionString});
  // Stopping the server at the end ends this connection too: not an error of the benchmark.
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query('CREATE EXTENSION pg_stat_statements');
  for (let chain = 0; chain < chains; chain += 1) {
    await admin.query(
      `CREATE TABLE chain_${chain} (id int PRIMARY KEY, v int); INSERT INTO chain_${chain} VALUES (1, 0)`,
    );
  }
  const connect = async (index: number) => {
    const client = new pg.Client({
      connectionString: server.connectionString,
      application_name: ['postgrest', 'worker', 'checkout', 'report', 'admin'][index % 5],
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  for (let batch = 0; batch < clientCount; batch += 50) {
    clients.push(...(await Promise.all(Array.from({length: 50}, (_, i) => connect(batch + i)))));
  }
  // Lock chains: a holder idle in transaction, then waiters queued on the same row.
  let next = 0;
  for (let chain = 0; chain < chains; chain += 1) {
    const holder = clients[next++]!;
    await holder.query(`BEGIN; UPDATE chain_${chain} SET v = v + 1 WHERE id = 1`);
    for (let waiter = 0; waiter < waitersPerChain; waiter += 1) {
      pending.push(
        clients[next++]!.query(`UPDATE chain_${chain} SET v = v + 1 WHERE id = 1`).catch(
          () => undefined,
        ),
      );
    }
  }
  // Some idle-in-transaction sessions and some long-running queries, as in an incident.
  for (let index = 0; index < 20; index += 1) await clients[next++]!.query('BEGIN; SELECT 1');
  for (let index = 0; index < 20; index += 1)
    pending.push(clients[next++]!.query('SELECT pg_sleep(600)').catch(() => undefined));
  const expectedWaiters = chains * waitersPerChain;
  for (let tries = 0; tries < 200; tries += 1) {
    const {rows} = await admin.query<{n: number}>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
    );
    if (rows[0]!.n >= expectedWaiters) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const lifeline = new PostgresLifeline(parseConnectionTarget(server.connectionString));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  const context: ProbeContext = {
    lifeline,
    serverVersion: () => lifeline.serverVersion ?? 0,
    rowLimit: 50,
  };
  const socket = () =>
    (lifeline as unknown as {client?: {connection?: {stream?: {bytesRead: number}}}}).client
      ?.connection?.stream;
  const probes: ProbeDefinition[] = [connectionsProbe, locksProbe];
  // The idle sessions: neither lock chain members, nor in a transaction, nor sleeping.
  const idle = clients.slice(next);
  // Settled: every session's last change over a second before the reads, as a pool at rest.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (let warm = 0; warm < 5; warm += 1) for (const probe of probes) await probe.run(context);
  console.log(
    `load average ${(await import('node:os'))
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${(await import('node:os')).cpus().length} CPUs`,
  );
  const snapshotNow = (await connectionsProbe.run(context)) as {total: number};
  const locksNow = (await locksProbe.run(context)) as {waiting: number; chains: unknown[]};
  console.log(
    `database panes benchmark: PostgreSQL ${lifeline.serverVersion}, ${snapshotNow.total} client sessions, ${locksNow.waiting} waiting in ${locksNow.chains.length} chains, ${refreshes} refreshes per phase`,
  );

  /** Runs the refreshes of one phase and prints its figures; `between` runs before each. */
  const phase = async (title: string, between?: () => Promise<unknown>) => {
    await admin.query('SELECT pg_stat_statements_reset()');
    const figures = new Map(probes.map((probe) => [probe.id, {cpuMicros: 0, bytes: 0, rows: 0}]));
    let refreshCpu = 0;
    let wallMs = 0;
    for (let refresh = 0; refresh < refreshes; refresh += 1) {
      await between?.();
      const started = performance.now();
      const refreshStart = process.cpuUsage();
      for (const probe of probes) {
        const cpu = process.cpuUsage();
        const bytes = socket()?.bytesRead ?? 0;
        const snapshot = (await probe.run(context)) as Record<string, unknown>;
        const used = process.cpuUsage(cpu);
        const entry = figures.get(probe.id)!;
        entry.cpuMicros += used.user + used.system;
        entry.bytes += (socket()?.bytesRead ?? 0) - bytes;
        entry.rows += rowsOf(snapshot);
      }
      const used = process.cpuUsage(refreshStart);
      refreshCpu += used.user + used.system;
      wallMs += performance.now() - started;
    }
    const {rows: statements} = await admin.query<{
      query: string;
      calls: string;
      exec: number;
      plan: number;
      min_exec: number;
      min_plan: number;
    }>(
      `SELECT query, calls, total_exec_time AS exec, total_plan_time AS plan,
              min_exec_time AS min_exec, min_plan_time AS min_plan FROM pg_stat_statements
        WHERE query LIKE '-- Blocking locks for PostgreSQL%' OR query LIKE '-- Connections for PostgreSQL%'`,
    );
    const serverTime = (
      marker: string,
    ):
      | {calls: number; execMs: number; planMs: number; bestMs: number; totalMs: number}
      | undefined => {
      const row = statements.find((statement) => statement.query.includes(marker));
      return row
        ? {
            calls: Number(row.calls),
            execMs: row.exec / Number(row.calls),
            planMs: row.plan / Number(row.calls),
            bestMs: row.min_exec + row.min_plan,
            totalMs: row.exec + row.plan,
          }
        : undefined;
    };
    const timings = {
      connections: serverTime('-- Connections for PostgreSQL'),
      locks: serverTime('-- Blocking locks for PostgreSQL'),
    };
    console.log(title);
    for (const probe of probes) {
      const entry = figures.get(probe.id)!;
      const timing = timings[probe.id as 'connections' | 'locks'];
      console.log(
        `  ${probe.id.padEnd(12)} server exec ${timing?.execMs.toFixed(3) ?? '?'} ms + plan ${timing?.planMs.toFixed(3) ?? '?'} ms per run (${timing?.calls ?? 0} calls; best ${timing?.bestMs.toFixed(3) ?? '?'} ms); client CPU ${(entry.cpuMicros / refreshes / 1000).toFixed(2)} ms; ${Math.round(entry.rows / refreshes)} rows; ${(entry.bytes / refreshes / 1024).toFixed(1)} KiB received`,
      );
    }
    // Per refresh, not per run: Locks sends no statement in a refresh where its graph stood still.
    const totalServer =
      ((timings.connections?.totalMs ?? 0) + (timings.locks?.totalMs ?? 0)) / refreshes;
    const bestServer = (timings.connections?.bestMs ?? 0) + (timings.locks?.bestMs ?? 0);
    console.log(
      `  both panes   server ${totalServer.toFixed(3)} ms per refresh, best ${bestServer.toFixed(3)} ms (target < 5 ms); client CPU ${(refreshCpu / refreshes / 1000).toFixed(2)} ms per refresh; wall ${(wallMs / refreshes).toFixed(1)} ms per refresh`,
    );
  };
  await phase('settled: no session changed state since the last refresh');
  await phase(
    `busy: each of the ${idle.length} idle sessions ran a statement since the last refresh`,
    () => Promise.all(idle.map((client) => client.query('SELECT 1'))),
  );
  // Whole: a cockpit's first read, when every session is new to it (the statement alone).
  const {connectionsSql} = await import('../../source/probes/connections/connections-probe');
  await admin.query('SELECT pg_stat_statements_reset()');
  for (let refresh = 0; refresh < refreshes; refresh += 1)
    await lifeline.read(connectionsSql(lifeline.serverVersion ?? 0), {values: [null, false]});
  const {rows: whole} = await admin.query<{calls: string; exec: number; min: number}>(
    `SELECT calls, total_exec_time AS exec, min_exec_time AS min FROM pg_stat_statements
      WHERE query LIKE '-- Connections for PostgreSQL%'`,
  );
  console.log(
    `whole: a first read, every session new to the cockpit\n  connections  server exec ${(whole[0]!.exec / Number(whole[0]!.calls)).toFixed(3)} ms per run (best ${whole[0]!.min.toFixed(3)} ms)`,
  );
  // The floor: what merely reading the server's activity and lock tables costs here.
  const floors = [
    'SELECT count(*) FROM pg_stat_get_activity(NULL) AS floor_activity',
    'SELECT count(*) FROM pg_stat_activity AS floor_view',
    'SELECT count(*) FROM pg_locks AS floor_locks',
  ];
  for (let run = 0; run < refreshes; run += 1) for (const sql of floors) await lifeline.read(sql);
  const {rows: floorRows} = await admin.query<{query: string; calls: string; exec: number}>(
    "SELECT query, calls, total_exec_time AS exec FROM pg_stat_statements WHERE query LIKE '%AS floor_%'",
  );
  for (const row of floorRows)
    console.log(`  floor        ${(row.exec / Number(row.calls)).toFixed(3)} ms for ${row.query}`);
  // EXPLAIN ANALYZE as a second opinion (EXPLAIN_PLANS=1 prints the whole plans).
  const {locksSql} = await import('../../source/probes/locks/locks-probe');
  // Connections as a refresh after the first reads it: unchanged since a second ago. Locks as
  // in a refresh, knowing the sessions Connections read.
  const aSecondAgo = new Date(Date.now() - 1000).toISOString();
  const {rows: sessionPids} = await admin.query<{pid: number}>(
    'SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL',
  );
  for (const [name, sql, values] of [
    ['connections', connectionsSql(lifeline.serverVersion ?? 0), [aSecondAgo, false]],
    [
      'locks',
      locksSql(lifeline.serverVersion ?? 0, 50),
      [sessionPids.map((row) => row.pid).join(',')],
    ],
  ] as const) {
    const {rows: plan} = await admin.query<{'QUERY PLAN': string}>({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      values: values && [...values],
    });
    const lines = plan.map((row) => row['QUERY PLAN']);
    if (process.env.EXPLAIN_PLANS) console.log(lines.join('\n'));
    console.log(
      `  ${name.padEnd(12)} EXPLAIN ANALYZE: ${lines.filter((line) => /^(Planning|Execution) Time/.test(line)).join(', ')}`,
    );
  }
  await lifeline.close();
  await admin.end();
} finally {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await Promise.allSettled(pending);
  await server.stop();
}

/** Rows the probe brought back: listed sessions, groups and edges. */
function rowsOf(snapshot: Record<string, unknown>): number {
  let rows = 0;
  for (const value of Object.values(snapshot)) {
    if (Array.isArray(value)) rows += value.length;
    else if (value && typeof value === 'object')
      for (const inner of Object.values(value)) if (Array.isArray(inner)) rows += inner.length;
  }
  return rows;
}
