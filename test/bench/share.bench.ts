// Sharing under the demo's load: the built `cockpit demo --share` in a pseudo-terminal, at a
// 1 s refresh, with 0, 1 and 20 viewers attached from this process. Prints the host's CPU and
// RSS per phase (from /proc, the cockpit process only — not PostgreSQL, not the viewers), bytes
// per update per viewer on a quiet and a busy scenario, and the time from a probe's fetch on
// the host to the frame showing it on a viewer's screen (p50/p95). Figures, never pass/fail.
import {EventEmitter} from 'node:events';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import * as pty from 'node-pty';
import stripAnsi from 'strip-ansi';
import {ShareClient} from '../../source/share/share-client';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {builtCliPath as cliPath} from '../helpers/pty-session';
import {renderViewerApp} from './share-bench-viewer';

const phaseSeconds = 20;
const token = 'bench-share-token-0123456789abcdef';
const home = mkdtempSync(path.join(tmpdir(), 'cockpit-share-bench-'));
const tokenFile = path.join(home, 'token');
writeFileSync(tokenFile, token);
const clockTicks = 100; // USER_HZ on Linux

type Host = {pid: number; url: string; stop: () => Promise<void>};

async function startHost(scenario: string, sharing = true): Promise<Host> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    COCKPIT_HOME: path.join(home, scenario),
    TERM: 'xterm-256color',
  };
  delete env.CI;
  delete env.DATABASE_URL;
  const child = pty.spawn(
    process.execPath,
    [
      cliPath,
      'demo',
      '--scenario',
      scenario,
      '--refresh',
      '1',
      ...(sharing ? ['--share', '--share-token-file', tokenFile] : []),
    ],
    {cols: 160, rows: 50, env, name: 'xterm-256color'},
  );
  let output = '';
  child.onData((data) => {
    output += data;
    if (output.length > 1_000_000) output = output.slice(-200_000);
  });
  const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while ((sharing && !url) || !/● connected/.test(stripAnsi(output))) {
    if (Date.now() > deadline) throw new Error('the demo host did not come up within 60 s');
    url ??= /ws:\/\/127\.0\.0\.1:\d+/.exec(stripAnsi(output))?.[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Let the scenario's load build up before measuring.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return {
    pid: child.pid,
    url: url ?? '',
    stop: async () => {
      child.write('q');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
  };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

type Viewer = {client: ShareClient; patches: number; patchBytes: number};

async function attachViewers(url: string, count: number): Promise<Viewer[]> {
  return Promise.all(
    Array.from({length: count}, async (_, index) => {
      const viewer: Viewer = {client: undefined as never, patches: 0, patchBytes: 0};
      const client = new ShareClient({
        url,
        token,
        name: `bench-${index}`,
        store: createCockpitStore({databaseLabel: 'viewer'}),
        onApplied: (message) => {
          if ('changes' in message) viewer.patches += 1;
        },
      });
      viewer.client = client;
      await client.start();
      return viewer;
    }),
  );
}

async function phase(host: Host, viewers: number) {
  const attached = await attachViewers(host.url, viewers);
  const bytesBefore = attached.map((viewer) => viewer.client.received.bytes);
  const cpuBefore = cpuSeconds(host.pid);
  await new Promise((resolve) => setTimeout(resolve, phaseSeconds * 1000));
  const cpu = (cpuSeconds(host.pid) - cpuBefore) / phaseSeconds;
  const rss = rssMegabytes(host.pid);
  const perUpdate = attached.map((viewer, index) => {
    const bytes = viewer.client.received.bytes - bytesBefore[index]!;
    return viewer.patches === 0 ? 0 : bytes / viewer.patches;
  });
  for (const viewer of attached) viewer.client.stop();
  // Let the host see them go before the next phase's viewers count against --share-max.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return {cpu, rss, perUpdate: perUpdate.length ? Math.max(...perUpdate) : 0, attached};
}

/** One viewer rendering the App: time from a probe's fetch on the host to the frame showing it. */
async function latency(url: string, samples: number): Promise<number[]> {
  const store = createCockpitStore({databaseLabel: 'viewer', readOnly: true});
  const waiting: number[] = [];
  const latencies: number[] = [];
  let lastFetchedAt = 0;
  const client = new ShareClient({
    url,
    token,
    name: 'latency',
    store,
    onApplied: () => {
      const fetchedAt = store.getState().probes.connections?.fetchedAt ?? 0;
      if (fetchedAt > lastFetchedAt) {
        lastFetchedAt = fetchedAt;
        waiting.push(fetchedAt);
      }
    },
  });
  await client.start();
  welcomeBytes = client.received.bytes;
  store.getState().updateUi({readOnly: {viewer: true, notes: false}});
  const stdout = Object.assign(new EventEmitter(), {
    columns: 120,
    rows: 40,
    isTTY: true,
    write: () => {
      const now = Date.now();
      for (const fetchedAt of waiting.splice(0)) latencies.push(now - fetchedAt);
      return true;
    },
  });
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
  });
  const instance = renderViewerApp(store, stdout, stdin);
  const deadline = Date.now() + 120_000;
  while (latencies.length < samples && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  instance.unmount();
  client.stop();
  return latencies;
}

let welcomeBytes = 0;

const percentile = (values: number[], fraction: number) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
};

try {
  const unshared = await startHost('black-friday', false);
  const baseline = await phase(unshared, 0);
  await unshared.stop();
  const busy = await startHost('black-friday');
  const rows: string[] = [
    `| not sharing | ${(baseline.cpu * 100).toFixed(1)}% | ${baseline.rss.toFixed(0)} MB | – |`,
  ];
  let busyBytes = 0;
  for (const viewers of [0, 1, 20]) {
    const result = await phase(busy, viewers);
    if (viewers === 1) busyBytes = result.perUpdate;
    rows.push(
      `| ${viewers} | ${(result.cpu * 100).toFixed(1)}% | ${result.rss.toFixed(0)} MB | ${viewers === 0 ? '–' : result.perUpdate.toFixed(0)} |`,
    );
  }
  const latencies = await latency(busy.url, 30);
  await busy.stop();
  const quiet = await startHost('quiet-day');
  const quietResult = await phase(quiet, 1);
  await quiet.stop();
  console.log(`host: built cockpit demo --refresh 1 --share, ${phaseSeconds} s per phase`);
  console.log('| viewers | host CPU | host RSS | bytes/update/viewer (busy) |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(
    `bytes per update per viewer: quiet-day ${quietResult.perUpdate.toFixed(0)}, black-friday ${busyBytes.toFixed(0)}`,
  );
  console.log(`welcome (full snapshot) on the busy demo: ${welcomeBytes} bytes`);
  console.log(
    `probe fetch on the host → frame on a viewer: p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms (${latencies.length} samples)`,
  );
} finally {
  rmSync(home, {recursive: true, force: true});
}
