// Time from launching the built binary (as the installed `cockpit` runs, and as `node dist/cli.js`,
// which restarts in place with its start-up settings) to its first frame and to the first live
// data; and from `npm start` (nothing to rebuild) to its first frame.
import pty from 'node-pty';
import stripAnsi from 'strip-ansi';
import {startEmbeddedServer} from '../../source/demo/embedded-server';
import {startInPty} from '../helpers/pty-session';

const runs = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Watches the raw output every 2 ms (the parsed screen is polled far less often), so the figure
// is not rounded up to a polling interval.
async function measure(
  args: string[],
  ready: (output: string) => boolean,
  asProgram = true,
): Promise<number> {
  const started = performance.now();
  const session = startInPty(args, {columns: 120, rows: 40, asProgram});
  const deadline = started + 20_000;
  while (!ready(stripAnsi(session.output()))) {
    if (performance.now() > deadline)
      throw new Error(`no match within 20 s:\n${session.screen().join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const elapsed = performance.now() - started;
  session.write('q');
  await session.exited;
  return elapsed;
}

/** `npm start -- ARGS` in a pseudo-terminal, until `ready`; npm and its scripts' Node included. */
async function measureNpmStart(
  args: string[],
  ready: (output: string) => boolean,
): Promise<number> {
  const started = performance.now();
  const child = pty.spawn('npm', ['start', '--', ...args], {
    name: 'xterm-256color',
    cols: 120,
    rows: 40,
    cwd: process.cwd(),
    env: {...(process.env as Record<string, string>), CI: '', TERM: 'xterm-256color'},
  });
  let output = '';
  let readyAt: number | undefined;
  child.onData((data) => {
    output += data;
    if (readyAt === undefined && ready(stripAnsi(output))) readyAt = performance.now() - started;
  });
  const exited = new Promise((resolve) => child.onExit(resolve));
  const deadline = started + 20_000;
  while (readyAt === undefined) {
    if (performance.now() > deadline)
      throw new Error(`npm start: no match within 20 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  child.write('q');
  await exited;
  return readyAt;
}

const server = await startEmbeddedServer();
try {
  const firstFrame: number[] = [];
  const firstData: number[] = [];
  const firstFrameViaNode: number[] = [];
  const hasFrame = (screen: string) => screen.includes('Connections');
  for (let run = 0; run < runs; run++) {
    firstFrame.push(await measure(['--db', server.connectionString], hasFrame));
    firstData.push(
      await measure(['--db', server.connectionString], (screen) => /\d+\/\d+ \(\d+%/.test(screen)),
    );
    firstFrameViaNode.push(await measure(['--db', server.connectionString], hasFrame, false));
  }
  const summary = (values: number[]) =>
    `median ${median(values).toFixed(0)} ms over ${runs} runs (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  console.log(`launch to first frame: ${summary(firstFrame)}`);
  console.log(`launch to first live data: ${summary(firstData)}`);
  console.log(`node dist/cli.js to first frame: ${summary(firstFrameViaNode)}`);
  const npmStart: number[] = [];
  for (let run = 0; run < runs; run++)
    npmStart.push(await measureNpmStart(['--db', server.connectionString], hasFrame));
  console.log(`npm start (no rebuild) to first frame: ${summary(npmStart)}`);
} finally {
  await server.stop();
}
