// What watching a sick database costs, for the cockpit and, when installed, pg_activity and
// pg_top, in one run against the same embedded PostgreSQL under the same load: 400 idle
// sessions, 40 idle in transaction, 20 active, a 30-waiter lock tree, 10 rows/s into the
// application tables (which have nothing but their primary keys). Each program runs in a real
// pseudo-terminal at a 1 s refresh; one table of figures comes out. Figures, never pass/fail;
// the machine's other load moves them, so compare the columns of one run.
//
// Env: BENCH_SECS=30 (measured window) BENCH_WARM=5 BENCH_COLS=160 BENCH_ROWS=48
//      BENCH_TOOLS=cockpit,pg_activity,pg_top BENCH_CLI=dist/cli.js (another build to compare)
//      BENCH_NODE_OPTIONS (for the cockpit's Node, e.g. --max-semi-space-size=1)
//      BENCH_WRITES=10 (rows a second into each application table; 0 for a quiet one)
//      BENCH_LOAD=big (400 idle, 40 idle in transaction, 20 active, 30 waiters) or small (20/2/2/3)
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import * as pty from 'node-pty';
import pg from 'pg';
import stripAnsi from 'strip-ansi';
import {startEmbeddedServer} from '../../source/demo/embedded-server';

const seconds = Number(process.env.BENCH_SECS ?? 30);
const warmSeconds = Number(process.env.BENCH_WARM ?? 5);
const columns = Number(process.env.BENCH_COLS ?? 160);
const rows = Number(process.env.BENCH_ROWS ?? 48);
const cli = path.resolve(process.env.BENCH_CLI ?? 'dist/cli.js');
const wanted = (process.env.BENCH_TOOLS ?? 'cockpit,pg_activity,pg_top').split(',');
// The shared harness's two scenarios: 400 idle (and 40 idle in transaction), 20 active, 30
// waiting on a lock; or 20, 2 and 3.
const load =
  process.env.BENCH_LOAD === 'small'
    ? {idle: 20, active: 2, waiters: 3}
    : {idle: 400, active: 20, waiters: 30};
const keyPresses = 10;
const clockTicks = 100;
const pageKb = 4;

let stopping = false;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const installed = (command: string) => {
  try {
    execFileSync('which', [command], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
};

type Tool = {name: string; command: string; args: string[]; key: string; quit: string};

const server = await startEmbeddedServer({
  maxConnections: 600,
  settings: {
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track': 'top',
    'pg_stat_statements.track_planning': 'on',
    autovacuum: 'off',
  },
});
const monitorPassword = 'bench-monitor';
const appUrl = server.urlFor('app');
const monitorUrl = `postgres://monitor:${monitorPassword}@127.0.0.1:${server.port}/app`;
const clients: pg.Client[] = [];
const pending: Array<Promise<unknown>> = [];
const timers: NodeJS.Timeout[] = [];

async function connect(application: string): Promise<pg.Client> {
  const client = new pg.Client({connectionString: appUrl, application_name: application});
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

async function batched(count: number, make: (index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += 25)
    await Promise.all(
      Array.from({length: Math.min(25, count - start)}, (_, offset) => make(start + offset)),
    );
}

try {
  const admin = new pg.Client({connectionString: server.connectionString});
  await admin.connect();
  await admin.query('CREATE DATABASE app');
  await admin.query(`CREATE ROLE monitor LOGIN PASSWORD '${monitorPassword}'`);
  await admin.query('GRANT pg_monitor, pg_signal_backend TO monitor');
  await admin.end();
  const setup = await connect('bench-setup');
  await setup.query(`
    CREATE EXTENSION pg_stat_statements;
    CREATE TABLE dead_letter_messages (id bigserial PRIMARY KEY, source text, error text,
      payload jsonb, created_at timestamptz DEFAULT now(), retried_at timestamptz);
    CREATE TABLE email_log (id bigserial PRIMARY KEY, recipient text, subject text,
      status text CHECK (status IN ('pending', 'sent', 'failed')), error_message text,
      retry_count int, next_retry_at timestamptz, created_at timestamptz DEFAULT now());
    CREATE TABLE campaigns (id bigserial PRIMARY KEY, name text, status text);
    CREATE TABLE campaign_targets (id bigserial PRIMARY KEY, campaign_id bigint, status text,
      updated_at timestamptz);
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO monitor;
    INSERT INTO campaigns (name, status)
      SELECT 'campaign ' || g, (ARRAY['draft', 'sending', 'paused', 'done'])[1 + g % 4]
      FROM generate_series(1, 20) AS g;
    INSERT INTO campaign_targets (campaign_id, status, updated_at)
      SELECT 1 + g % 20, (ARRAY['queued', 'sent', 'failed', 'opened'])[1 + g % 4],
             now() - (g % 3600) * interval '1 second'
      FROM generate_series(1, 50000) AS g;
    INSERT INTO email_log (recipient, subject, status, error_message, retry_count, next_retry_at, created_at)
      SELECT 'user' || g || '@example.test', 'Your voucher #' || g,
             (ARRAY['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'pending', 'failed', 'failed'])[1 + g % 10],
             CASE WHEN g % 10 >= 8 THEN (ARRAY['SMTP 421 rate limited', 'mailbox full', 'DNS timeout'])[1 + g % 3] END,
             CASE WHEN g % 10 >= 8 THEN g % 5 ELSE 0 END,
             CASE WHEN g % 10 = 8 THEN now() + (g % 600) * interval '1 second' END,
             now() - (100000 - g) * interval '0.8 second'
      FROM generate_series(1, 100000) AS g;
    INSERT INTO dead_letter_messages (source, error, payload, created_at, retried_at)
      SELECT (ARRAY['twilio-webhook', 'n8n-sync', 'stripe-webhook', 'whatsapp'])[1 + g % 4],
             (ARRAY['HTTP 429 Too Many Requests', 'signature mismatch', 'timeout after 30s', 'HTTP 500'])[1 + g % 4],
             jsonb_build_object('event_id', g, 'attempt', g % 7, 'body', repeat('x', 64)),
             now() - (10000 - g) * interval '8 seconds',
             CASE WHEN g % 3 = 0 THEN now() - (g % 3600) * interval '1 second' END
      FROM generate_series(1, 10000) AS g;
    ANALYZE;`);

  // The load: idle sessions, idle in transaction, active, a lock tree, steady writers.
  await batched(load.idle, async (index) =>
    (await connect('bench-load:idle')).query(`SELECT ${index}`),
  );
  await batched(load.idle / 10, async () => {
    const client = await connect('bench-load:idle-in-tx');
    await client.query('BEGIN');
    await client.query('SELECT txid_current(), count(*) FROM campaigns');
  });
  await batched(load.active, async (index) => {
    const client = await connect('bench-load:active');
    const loop = async () => {
      while (!stopping)
        await client
          .query(`SELECT pg_sleep(${(0.5 + Math.random() * 2.5).toFixed(2)}) /* job ${index} */`)
          .catch(() => undefined);
    };
    pending.push(loop());
  });
  const root = await connect('bench-load:blocker');
  await root.query(`BEGIN; UPDATE campaigns SET status = 'sending' WHERE id = 1`);
  for (let index = 0; index < Math.min(10, load.waiters); index += 1) {
    const waiter = await connect('bench-load:waiter-1');
    await waiter.query(
      `BEGIN; UPDATE campaign_targets SET status = 'held', updated_at = now() WHERE id = ${2 + index}`,
    );
    pending.push(
      waiter.query(`UPDATE campaigns SET status = 'paused' WHERE id = 1`).catch(() => undefined),
    );
  }
  for (let index = 0; index < load.waiters - 10; index += 1) {
    const waiter = await connect('bench-load:waiter-2');
    await waiter.query('BEGIN');
    pending.push(
      waiter
        .query(
          `UPDATE campaign_targets SET status = 'retry', updated_at = now() WHERE id = ${2 + (index % 10)}`,
        )
        .catch(() => undefined),
    );
  }
  const writer = await connect('bench-load:writer');
  let sequence = 0;
  // BENCH_WRITES=0: application tables that stand still (a quiet queue), otherwise 10 rows/s.
  const writesPerSecond = Number(process.env.BENCH_WRITES ?? 10);
  timers.push(
    setInterval(() => {
      if (writesPerSecond === 0) return;
      sequence += 1;
      void writer
        .query(
          `INSERT INTO dead_letter_messages (source, error, payload) VALUES ('twilio-webhook', 'HTTP 429', '{"n": ${sequence}}');
           INSERT INTO email_log (recipient, subject, status, error_message, next_retry_at)
             VALUES ('u${sequence}@example.test', 'hi', '${['sent', 'sent', 'pending', 'failed'][sequence % 4]}',
                     ${sequence % 4 === 3 ? "'SMTP 421 rate limited'" : 'NULL'}, ${sequence % 4 === 3 ? "now() + interval '5 minutes'" : 'NULL'});
           UPDATE campaign_targets SET status = 'sent', updated_at = now() WHERE id = ${1001 + ((sequence * 7919) % 20000)}`,
        )
        .catch(() => undefined);
    }, 1000 / Math.max(writesPerSecond, 1)),
  );

  const home = mkdtempSync(path.join(tmpdir(), 'cockpit-bench-home-'));
  const tools: Tool[] = [
    {
      name: 'cockpit',
      command: process.execPath,
      args: [cli, '--db', monitorUrl, '--refresh', '1'],
      key: '\t',
      quit: 'q',
    },
    {
      name: 'pg_activity',
      command: 'pg_activity',
      args: [
        '-h',
        '127.0.0.1',
        '-p',
        String(server.port),
        '-U',
        'monitor',
        '-d',
        'app',
        '--refresh',
        '1',
      ],
      key: '\u001b[B',
      quit: 'q',
    },
    {
      name: 'pg_top',
      command: 'pg_top',
      args: ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'monitor', '-d', 'app', '-s', '1'],
      key: ' ',
      quit: 'q',
    },
  ].filter(
    (tool) => wanted.includes(tool.name) && (tool.name === 'cockpit' || installed(tool.command)),
  );
  const results = new Map<string, Record<string, string>>();
  for (const tool of tools) results.set(tool.name, await measureTool(tool, home));

  const figures: Array<[string, string]> = [
    ['database time (exec + plan), ms/min', 'dbMs'],
    ['statements per minute', 'calls'],
    ['statements per refresh', 'perRefresh'],
    ['new connections per minute', 'connections'],
    ['CPU of the server backends serving it, s/min', 'serverCpu'],
    ['its own CPU, s/min', 'cpu'],
    ['  of which its main thread, s/min', 'cpuMain'],
    ['  of which in the kernel, s/min', 'cpuKernel'],
    ['bytes to the terminal, B/s', 'bytes'],
    ['frames drawn per minute', 'frames'],
    ['peak RSS, MB', 'rss'],
    ['RSS at the end, MB', 'rssEnd'],
    ['launch to first output, ms', 'firstOutput'],
    ['launch to first frame with panes, ms', 'firstFrame'],
    ['launch to first live data, ms', 'firstData'],
    ['key to frame p50 / p95, ms', 'keys'],
  ];
  for (const probe of [
    'connections',
    'locks',
    'dlq',
    'email',
    'campaigns',
    'schema check',
    'other',
  ])
    figures.push([`database time by probe: ${probe}, ms/min`, `probe:${probe}`]);
  const names = [...results.keys()];
  console.log(
    `cockpit cost: PostgreSQL ${(await serverVersion()).split(' ')[1]}, ${columns}x${rows}, 1 s refresh, ${load.idle} idle / ${load.active} active / ${load.waiters} waiting sessions, ${warmSeconds} s warm-up, ${seconds} s measured, load average ${loadavg()
      .map((average) => average.toFixed(2))
      .join(' ')}${process.env.BENCH_CLI ? `, cockpit = ${process.env.BENCH_CLI}` : ''}\n`,
  );
  console.log(`| per minute unless said | ${names.join(' | ')} |`);
  console.log(`| --- | ${names.map(() => '---').join(' | ')} |`);
  for (const [label, key] of figures)
    console.log(
      `| ${label} | ${names.map((name) => results.get(name)?.[key] ?? '–').join(' | ')} |`,
    );
} finally {
  stopping = true;
  for (const timer of timers) clearInterval(timer);
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await Promise.allSettled(pending);
  await server.stop();
}

async function serverVersion(): Promise<string> {
  const client = new pg.Client({connectionString: appUrl});
  await client.connect();
  const {rows: found} = await client.query<{version: string}>('SELECT version()');
  await client.end();
  return found[0]!.version;
}

/** Runs one program in a pty: warm-up, measured window, then key presses. */
async function measureTool(tool: Tool, home: string): Promise<Record<string, string>> {
  const admin = new pg.Client({connectionString: appUrl});
  await admin.connect();
  const monitorOid = (
    await admin.query<{oid: number}>("SELECT oid FROM pg_roles WHERE rolname = 'monitor'")
  ).rows[0]!.oid;
  await admin.query('SELECT pg_stat_statements_reset($1::oid)', [monitorOid]);
  const started = performance.now();
  const child = pty.spawn(tool.command, tool.args, {
    name: 'xterm-256color',
    cols: columns,
    rows,
    cwd: process.cwd(),
    env: {
      ...(process.env as Record<string, string>),
      CI: '',
      TERM: 'xterm-256color',
      COCKPIT_HOME: home,
      PGPASSWORD: monitorPassword,
      NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
    },
  });
  let bytes = 0;
  // Frames: Ink wraps each in a synchronized update; pg_activity and pg_top write none.
  let frames = 0;
  let text = '';
  let lastDataAt = 0;
  let firstOutput: number | undefined;
  let firstFrame: number | undefined;
  let firstData: number | undefined;
  child.onData((data) => {
    const now = performance.now();
    bytes += Buffer.byteLength(data);
    frames += data.split('\u001b[?2026h').length - 1;
    lastDataAt = now;
    firstOutput ??= now - started;
    if (tool.name === 'cockpit' && firstData === undefined) {
      text = (text + stripAnsi(data)).slice(-20_000);
      if (firstFrame === undefined && text.includes('Connections')) firstFrame = now - started;
      if (/\d+\/\d+ \(\d+%/.test(text)) firstData = now - started;
    }
  });
  const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
  await sleep(warmSeconds * 1000);

  // The measured window.
  await admin.query('SELECT pg_stat_statements_reset($1::oid)', [monitorOid]);
  // New connections: the program's backends that started inside the window (sampled twice a
  // second, so one that lives less than that can be missed).
  const windowStart = new Date();
  const newBackends = new Set<number>();
  const cpuBefore = treeCpu(child.pid);
  const threadsBefore = threadCpu(child.pid);
  const bytesBefore = bytes;
  const framesBefore = frames;
  const backendCpu = new Map<number, {first: number; last: number}>();
  let peakRss = 0;
  const windowEnd = performance.now() + seconds * 1000;
  while (performance.now() < windowEnd) {
    peakRss = Math.max(peakRss, treeRss(child.pid));
    const {rows: backends} = await admin.query<{pid: number; fresh: boolean}>(
      "SELECT pid, backend_start >= $1 AS fresh FROM pg_stat_activity WHERE usename = 'monitor'",
      [windowStart],
    );
    for (const {pid, fresh} of backends) {
      if (fresh) newBackends.add(pid);
      const cpu = processCpu(pid);
      if (cpu === undefined) continue;
      const seen = backendCpu.get(pid);
      if (seen) seen.last = cpu;
      else backendCpu.set(pid, {first: cpu, last: cpu});
    }
    await sleep(500);
  }
  const cpu = treeCpu(child.pid) - cpuBefore;
  const threadsAfter = threadCpu(child.pid);
  const windowBytes = bytes - bytesBefore;
  const windowFrames = frames - framesBefore;
  const newSessions = newBackends.size;
  const {rows: statements} = await admin.query<{query: string; calls: string; ms: number}>(
    `SELECT query, calls, total_exec_time + total_plan_time AS ms FROM pg_stat_statements
      WHERE userid = $1::oid AND query NOT LIKE '%pg_stat_statements%'`,
    [monitorOid],
  );
  const perMinute = 60 / seconds;
  const calls = statements.reduce((sum, statement) => sum + Number(statement.calls), 0);
  const dbMs = statements.reduce((sum, statement) => sum + statement.ms, 0);
  const byProbe = new Map<string, number>();
  for (const statement of statements) {
    const probe = probeOf(statement.query);
    byProbe.set(probe, (byProbe.get(probe) ?? 0) + statement.ms);
  }
  const serverCpu = [...backendCpu.values()].reduce(
    (sum, entry) => sum + (entry.last - entry.first),
    0,
  );
  const rssEnd = treeRss(child.pid);

  // Key to frame: the time from a key to the next bytes on the terminal.
  const latencies: number[] = [];
  for (let press = 0; press < keyPresses; press += 1) {
    await sleep(700 + Math.random() * 600);
    const sentAt = performance.now();
    child.write(tool.key);
    while (lastDataAt < sentAt && performance.now() - sentAt < 2000) await sleep(1);
    if (lastDataAt >= sentAt) latencies.push(lastDataAt - sentAt);
  }
  child.write(tool.quit);
  await Promise.race([exited, sleep(5000)]);
  child.kill('SIGKILL');
  await admin.end();
  latencies.sort((left, right) => left - right);
  const percentile = (share: number) =>
    latencies.length === 0
      ? '–'
      : latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))]!.toFixed(0);
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const result: Record<string, string> = {
    dbMs: fixed(dbMs * perMinute, 0),
    calls: fixed(calls * perMinute, 0),
    perRefresh: fixed(calls / seconds, 1),
    connections: fixed(newSessions * perMinute, 0),
    serverCpu: fixed((serverCpu / clockTicks) * perMinute, 2),
    cpu: fixed((cpu / clockTicks) * perMinute, 2),
    bytes: fixed(windowBytes / seconds, 0),
    frames: windowFrames === 0 ? '–' : fixed(windowFrames * perMinute, 0),
    rss: fixed(peakRss / 1024, 1),
    rssEnd: fixed(rssEnd / 1024, 1),
    firstOutput: firstOutput === undefined ? '–' : fixed(firstOutput, 0),
    firstFrame: firstFrame === undefined ? '–' : fixed(firstFrame, 0),
    firstData: firstData === undefined ? '–' : fixed(firstData, 0),
    keys: `${percentile(0.5)} / ${percentile(0.95)}`,
    cpuMain: fixed(((threadsAfter.main - threadsBefore.main) / clockTicks) * perMinute, 2),
    cpuKernel: fixed(((threadsAfter.kernel - threadsBefore.kernel) / clockTicks) * perMinute, 2),
  };
  if (tool.name === 'cockpit')
    for (const [probe, ms] of byProbe) result[`probe:${probe}`] = fixed(ms * perMinute, 1);
  return result;
}

/** Which of the cockpit's probes a statement belongs to, by what it reads. */
function probeOf(query: string): string {
  if (/to_regclass/.test(query)) return 'schema check';
  if (/pg_blocking_pids/.test(query)) return 'locks';
  if (/dead_letter_messages/.test(query)) return 'dlq';
  if (/email_log/.test(query)) return 'email';
  if (/campaign/.test(query)) return 'campaigns';
  if (/pg_stat_activity|pg_stat_get_activity/.test(query)) return 'connections';
  return 'other';
}

/** The pids of `root` and every process below it. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const parent = Number(stat[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1)
    tree.push(...(children.get(tree[index]!) ?? []));
  return tree;
}

/** Fields of /proc/PID/stat after the command name (state is [0], ppid [1]). */
function readStat(pid: number, ofProcess?: number): string[] | undefined {
  try {
    const file =
      ofProcess === undefined ? `/proc/${pid}/stat` : `/proc/${ofProcess}/task/${pid}/stat`;
    const stat = readFileSync(file, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU of one process, in clock ticks. */
function processCpu(pid: number): number | undefined {
  const stat = readStat(pid);
  return stat ? Number(stat[11]) + Number(stat[12]) : undefined;
}

/**
 * Where a process tree's CPU went, in clock ticks: the main thread of the program itself (its
 * JavaScript, rendering and I/O calls) and the kernel's share of every thread (writes to the
 * terminal, sockets, page faults); the rest is V8's helper threads and the thread pool.
 */
function threadCpu(root: number): {main: number; kernel: number} {
  let main = 0;
  let kernel = 0;
  for (const pid of processTree(root)) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      const stat = readStat(Number(task), pid);
      if (!stat) continue;
      if (Number(task) === root) main += Number(stat[11]) + Number(stat[12]);
      kernel += Number(stat[12]);
    }
  }
  return {main, kernel};
}

/** CPU of a process tree (its reaped children included), in clock ticks. */
function treeCpu(root: number): number {
  return processTree(root).reduce((sum, pid) => {
    const stat = readStat(pid);
    return stat
      ? sum + Number(stat[11]) + Number(stat[12]) + Number(stat[13]) + Number(stat[14])
      : sum;
  }, 0);
}

/** Resident memory of a process tree, in KiB. */
function treeRss(root: number): number {
  return processTree(root).reduce((sum, pid) => {
    const stat = readStat(pid);
    return stat ? sum + Number(stat[21]) * pageKb : sum;
  }, 0);
}
