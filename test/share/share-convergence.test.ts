import {afterEach, describe, expect, it} from 'vitest';
import {shareProtocolVersion} from '../../source/share/protocol';
import {ShareClient} from '../../source/share/share-client';
import {type CockpitState, createCockpitStore} from '../../source/store/cockpit-store';
import {rawPeer, startTestHost, type TestHost, waitFor} from './share-harness';

let running: TestHost | undefined;
const clients: ShareClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  await running?.stop();
  running = undefined;
});

const sharedView = (state: CockpitState) =>
  JSON.stringify([state.probes, state.history, state.alerts, state.timeline, state.incident]);

function refresh(store: TestHost['store'], tick: number, payloadBytes = 0) {
  const at = 1_000_000 + tick * 1000;
  store.getState().recordProbeOutcome('connections', {
    ok: true,
    startedAt: at,
    fetchedAt: at,
    durationMs: 3,
    data: {total: 10 + tick, padding: 'x'.repeat(payloadBytes)},
  });
  store.getState().pushSamples(at, {'connections.total': 10 + tick});
  store
    .getState()
    .appendTimeline([
      {id: `t${tick}`, at, kind: 'alert.raised', actor: 'cockpit', text: `tick ${tick}`},
    ]);
}

describe('viewers follow the host', () => {
  it('twenty viewers attached while the host refreshes at 1 Hz all converge to its state', async () => {
    const store = createCockpitStore({databaseLabel: 'app', refreshSeconds: 1});
    running = await startTestHost({store});
    const viewers = Array.from({length: 20}, (_, index) => {
      const viewerStore = createCockpitStore({databaseLabel: 'viewer'});
      const client = new ShareClient({
        url: running!.url,
        token: running!.token,
        name: `viewer-${index}`,
        store: viewerStore,
      });
      clients.push(client);
      return {store: viewerStore, client};
    });
    // Half join before the refreshes start, half while they run.
    await Promise.all(viewers.slice(0, 10).map((viewer) => viewer.client.start()));
    for (let tick = 0; tick < 4; tick += 1) {
      refresh(store, tick);
      if (tick === 1) await Promise.all(viewers.slice(10).map((viewer) => viewer.client.start()));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const expected = sharedView(store.getState());
    await waitFor(
      () => viewers.every((viewer) => sharedView(viewer.store.getState()) === expected),
      'every viewer equal to the host',
    );
    expect(running.host.attachedCount()).toBe(20);
    // Coalesced: three store writes per refresh, at most one patch per refresh and viewer.
    expect(running.host.sent.patches).toBeLessThanOrEqual(4 * 20);
  });

  it('a viewer that stops reading gets no backlog: its queue stays bounded, then it is dropped', async () => {
    const limit = 256 * 1024;
    running = await startTestHost({
      limits: {
        backlogLimitBytes: limit,
        dropLaggingAfterMs: 1500,
        heartbeatMs: 100_000,
        deadAfterMs: 100_000,
      },
    });
    const stalled = await rawPeer(running.url);
    stalled.send(
      JSON.stringify({
        type: 'hello',
        protocol: shareProtocolVersion,
        token: running.token,
        name: 'stalled',
      }),
    );
    await waitFor(() => running!.host.attachedCount() === 1, 'attached');
    stalled.socket.pause();
    const patchBytes = 512 * 1024;
    let largestBacklog = 0;
    for (let tick = 0; tick < 40; tick += 1) {
      refresh(running.store, tick, patchBytes);
      running.host.flush();
      largestBacklog = Math.max(largestBacklog, running.host.largestBacklogBytes());
    }
    // 40 patches of half a megabyte, 20 MB offered: never more than the limit plus one frame
    // queued; the rest is skipped, not buffered.
    expect(largestBacklog).toBeLessThanOrEqual(limit + patchBytes + 4096);
    expect(running.host.sent.patches).toBeLessThan(40);
    await waitFor(() => running!.host.attachedCount() === 0, 'the stalled viewer dropped', 20_000);
    stalled.socket.resume();
    expect((await stalled.closed).code).not.toBe(1000);
  }, 60_000);

  it('a viewer that falls behind and catches up gets a fresh snapshot, not the patches it missed', async () => {
    running = await startTestHost({
      limits: {backlogLimitBytes: 128 * 1024, dropLaggingAfterMs: 60_000},
    });
    const slow = await rawPeer(running.url);
    slow.send(
      JSON.stringify({
        type: 'hello',
        protocol: shareProtocolVersion,
        token: running.token,
        name: 'slow',
      }),
    );
    await waitFor(() => running!.host.attachedCount() === 1, 'attached');
    slow.socket.pause();
    for (let tick = 0; tick < 40; tick += 1) {
      refresh(running.store, tick, 256 * 1024);
      running.host.flush();
    }
    const patchesSent = running.host.sent.patches;
    expect(patchesSent).toBeLessThan(40);
    slow.socket.resume();
    await waitFor(
      () => slow.frames.some((frame) => frame.startsWith('{"type":"snapshot"')),
      'snapshot',
    );
    const snapshot = JSON.parse(
      slow.frames.find((frame) => frame.startsWith('{"type":"snapshot"'))!,
    );
    expect(snapshot.state.timeline.at(-1).text).toBe('tick 39');
  });
});
