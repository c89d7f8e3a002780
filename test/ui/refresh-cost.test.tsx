import {PassThrough} from 'node:stream';
import {render} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {allAlertRules} from '../../source/alerts/all-rules';
import {writeRefresh} from '../../source/app/write-refresh';
import type {ConnectionsSnapshot} from '../../source/probes/connections/connections-probe';
import {allProbes} from '../../source/probes/probe-registry';
import type {ProbeOutcome} from '../../source/probes/probe-types';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {CellDiffStream} from '../../source/terminal/cell-diff-stream';
import {App} from '../../source/ui/App';
import {CockpitActionsProvider} from '../../source/ui/cockpit-actions';
import {KeyFramesProvider} from '../../source/ui/key-frames';
import {CockpitStoreProvider} from '../../source/ui/store-context';
import {inertActions, keys} from '../helpers/render-ui';
import {terminalScreen} from '../helpers/terminal-screen';
import {connectionsSnapshot, locksSnapshot} from './panes/recorded-snapshots';

// What a refresh costs the terminal, counted on Ink itself with the options the cockpit runs
// with (incremental rendering, the frame-rate cap) at 160x48: frames drawn and bytes written.

const probes = allProbes();
const rules = allAlertRules();
// A clock ahead of the real one: the idle ticker (it moves a clock left behind) stays out of it.
const t0 = Math.floor(Date.now() / 1000) * 1000 + 86_400_000;

function outcome(data: unknown, fetchedAt: number): ProbeOutcome {
  return {ok: true, data, startedAt: fetchedAt - 5, fetchedAt, durationMs: 5};
}

type Screen = Awaited<ReturnType<typeof drawCockpit>>;
let screen: Screen | undefined;
afterEach(() => screen?.unmount());

/**
 * The cockpit at 160x48. With `cellDiff`, Ink writes through the stream the cockpit uses on a
 * real terminal, and two parsed screens show what Ink's bytes and the diffed bytes each draw.
 */
async function drawCockpit({cellDiff = false} = {}) {
  const stdout = Object.assign(new PassThrough(), {columns: 160, rows: 48, isTTY: true});
  const direct = terminalScreen(160, 48);
  const diffed = terminalScreen(160, 48);
  const parsing: Promise<void>[] = [];
  let output: NodeJS.WriteStream = stdout as unknown as NodeJS.WriteStream;
  if (cellDiff) {
    const stream = new CellDiffStream(output);
    const forward = stream.write.bind(stream);
    stream.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      parsing.push(direct.write(String(chunk)));
      return forward(chunk, ...rest);
    };
    stdout.on('data', (chunk: Buffer) => parsing.push(diffed.write(chunk.toString('utf8'))));
    output = stream as unknown as NodeJS.WriteStream;
  }
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
  });
  let bytes = 0;
  stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  let frames = 0;
  const store = createCockpitStore({databaseLabel: 'monitor@db:5432/app', refreshSeconds: 1});
  store.setState({clock: t0});
  let instance: ReturnType<typeof render> | undefined;
  const flush = () => void instance?.waitUntilRenderFlush();
  instance = render(
    <CockpitStoreProvider store={store}>
      <CockpitActionsProvider actions={inertActions()}>
        <KeyFramesProvider flush={flush}>
          <App />
        </KeyFramesProvider>
      </CockpitActionsProvider>
    </CockpitStoreProvider>,
    {
      stdout: output,
      stdin: stdin as unknown as NodeJS.ReadStream,
      incrementalRendering: true,
      maxFps: 15,
      patchConsole: false,
      exitOnCtrlC: false,
      interactive: true,
      onRender: () => {
        frames += 1;
      },
    },
  );
  const settle = async () => {
    await instance.waitUntilRenderFlush();
    await new Promise((resolve) => setImmediate(resolve));
  };
  await settle();
  /** Frames drawn and bytes written while `change` runs and Ink settles. */
  const measure = async (change: () => void) => {
    const [framesBefore, bytesBefore] = [frames, bytes];
    change();
    await settle();
    return {frames: frames - framesBefore, bytes: bytes - bytesBefore};
  };
  const refresh = (connections: unknown, at: number) =>
    writeRefresh(
      store,
      [
        {probeId: 'connections', outcome: outcome(connections, at)},
        {probeId: 'locks', outcome: outcome(locksSnapshot, at)},
      ],
      {probes, rules, intervalOf: () => 1000},
    );
  /** The screens drawn by Ink's own bytes and by the diffed bytes, once both are parsed. */
  const screens = async () => {
    await Promise.all(parsing.splice(0));
    return {direct: direct.cells(), diffed: diffed.cells(), text: diffed.text()};
  };
  return {
    store,
    stdin,
    measure,
    screens,
    refresh,
    settle,
    framesSoFar: () => frames,
    unmount: () => instance.unmount(),
  };
}

describe('the cost of a refresh on the terminal', () => {
  it('draws one frame for a refresh of both database panes', async () => {
    screen = await drawCockpit();
    const first = await screen.measure(() => screen?.refresh(connectionsSnapshot, t0 + 100));
    expect(first.frames).toBe(1);
    const second = await screen.measure(() =>
      screen?.refresh({...connectionsSnapshot, total: 143}, t0 + 1100),
    );
    expect(second.frames).toBe(1);
  });

  it('writes nothing for a refresh where nothing visible changed, and keeps the same objects', async () => {
    screen = await drawCockpit();
    await screen.measure(() => screen?.refresh(connectionsSnapshot, t0 + 100));
    const before = screen.store.getState();
    const again = await screen.measure(() =>
      screen?.refresh(structuredClone(connectionsSnapshot), t0 + 200),
    );
    const after = screen.store.getState();
    expect(after.probes.connections?.data).toBe(before.probes.connections?.data);
    expect(after.probes.locks?.data).toBe(before.probes.locks?.data);
    expect(after.alerts).toBe(before.alerts);
    expect(again.bytes).toBe(0);
  });

  it('writes well under 1 KB when one number changes', async () => {
    screen = await drawCockpit();
    await screen.measure(() => screen?.refresh(connectionsSnapshot, t0 + 100));
    // The gauge counts every backend: one more session changes one number on the screen.
    const changed = await screen.measure(() =>
      screen?.refresh(
        {...connectionsSnapshot, total: 143, backends: connectionsSnapshot.backends + 1},
        t0 + 300,
      ),
    );
    expect(changed.frames).toBe(1);
    expect(changed.bytes).toBeGreaterThan(0);
    expect(changed.bytes).toBeLessThan(512);
  });

  it('draws a key at once, even right behind a data frame', async () => {
    screen = await drawCockpit();
    await screen.measure(() => screen?.refresh(connectionsSnapshot, t0 + 100));
    // A data frame has just gone out, so Ink's cap would hold the next frame back ~67 ms.
    screen.refresh({...connectionsSnapshot, total: 150}, t0 + 200);
    await screen.settle();
    const [framesBefore, focusedBefore] = [
      screen.framesSoFar(),
      screen.store.getState().ui.focusedPaneId,
    ];
    screen.stdin.write(keys.tab);
    // A few turns of the event loop, no timer: the key's frame must be out by then.
    for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(screen.store.getState().ui.focusedPaneId).not.toBe(focusedBefore);
    expect(screen.framesSoFar() - framesBefore).toBe(1);
  });

  it('writes only the changed cells when every session on screen ages by a second', async () => {
    screen = await drawCockpit({cellDiff: true});
    await screen.measure(() => screen?.refresh(connectionsSnapshot, t0 + 100));
    const before = screen.store.getState().probes.connections?.data;
    const older = (seconds: number | null) => (seconds === null ? null : seconds + 1);
    const aged: ConnectionsSnapshot = {
      ...connectionsSnapshot,
      readAt: connectionsSnapshot.readAt + 1000,
      sessions: connectionsSnapshot.sessions.map((session) => ({
        ...session,
        durationSeconds: older(session.durationSeconds),
        transactionSeconds: older(session.transactionSeconds),
        stateSeconds: older(session.stateSeconds ?? null),
      })),
    };
    const changed = await screen.measure(() => {
      screen?.store.getState().tickClock(t0 + 1100);
      screen?.refresh(aged, t0 + 1100);
    });
    const {direct, diffed, text} = await screen.screens();
    expect(diffed).toEqual(direct);
    expect(text.join('\n')).toContain('Connections');
    expect(changed.frames).toBe(1);
    expect(changed.bytes).toBeGreaterThan(0);
    expect(changed.bytes).toBeLessThan(200);
    // The aged sessions are taken as they came; the unchanged counts keep their objects.
    const kept = screen.store.getState().probes.connections?.data;
    expect(kept?.sessions).toBe(aged.sessions);
    expect(kept?.groups).toBe(before?.groups);
  });

  it('writes a few bytes through the cell diff when one number changes', async () => {
    screen = await drawCockpit({cellDiff: true});
    await screen.measure(() => screen?.refresh(connectionsSnapshot, t0 + 100));
    const changed = await screen.measure(() =>
      screen?.refresh(
        {...connectionsSnapshot, total: 143, backends: connectionsSnapshot.backends + 1},
        t0 + 300,
      ),
    );
    const {direct, diffed} = await screen.screens();
    expect(diffed).toEqual(direct);
    expect(changed.bytes).toBeGreaterThan(0);
    expect(changed.bytes).toBeLessThan(64);
  });
});
